namespace RunbookOrchestrator.Protection;

/// <summary>Creates files that only the server's user may read (0600) in directories only it may enter (0700): exports and
/// audit extracts hold personal data, and the process umask (often 022) would leave them readable by every local user.</summary>
public static class OwnerOnlyFile
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates (or truncates) <paramref name="path"/> with mode 0600 from the first byte, never briefly readable by others.</summary>
    public static FileStream Create(string path, FileMode mode = System.IO.FileMode.Create, int bufferSize = 64 * 1024, bool useAsync = true)
    {
        var options = new FileStreamOptions
        {
            Mode = mode,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = bufferSize,
            Options = useAsync ? FileOptions.Asynchronous : FileOptions.None,
        };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
        var stream = new FileStream(path, options);
        // An existing file keeps its old mode when truncated; tighten it too.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, FileMode);
        return stream;
    }

    /// <summary>Creates <paramref name="path"/> (and parents) with mode 0700 where it does not exist yet.</summary>
    public static void CreateDirectory(string path)
    {
        if (Directory.Exists(path)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, DirectoryMode);
    }
}
