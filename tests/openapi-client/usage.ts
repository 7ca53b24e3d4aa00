// Compiled against the client generated from the served document: if an operation, body or response shape the
// designer relies on disappears or changes type, this stops compiling and the test fails.
import createClient from "openapi-fetch";
import type { paths, components } from "./generated/schema";

const client = createClient<paths>({ baseUrl: "http://127.0.0.1:5080", headers: { Authorization: "Bearer rbo_x" } });

export async function story(): Promise<string> {
  const started = await client.POST("/api/runbooks/{runbookId}/runs", {
    params: { path: { runbookId: "health-check" }, header: { "Idempotency-Key": "k-1" } },
    body: { inputs: { target: "http://127.0.0.1:5080/health" }, reason: "check", callback_url: null },
  });
  if (started.error) {
    const problem: components["schemas"]["ProblemDetails"] = started.error;
    return `${problem.code} ${problem.trace_id} ${problem.errors?.map((e) => e.path).join(",")}`;
  }
  const runId: string = started.data.run_id;
  const run = await client.GET("/api/runs/{runId}", { params: { path: { runId } } });
  const waits = run.data?.waiting_for.map((w) => `${w.step} ${w.until ?? ""} ${w.next_escalation_at ?? ""}`) ?? [];
  const callback = run.data?.callback?.status;
  const approvals = await client.GET("/api/approvals", { params: { query: { status: "pending" } } });
  const gate = approvals.data?.items[0];
  if (gate) {
    const decided = await client.POST("/api/approvals/{gateId}/decisions", {
      params: { path: { gateId: gate.id } },
      body: { decision: "approve", reason: "ticket checked" },
    });
    const quorum: number | undefined = decided.data?.progress.quorum;
    waits.push(String(quorum));
  }
  const cancelled = await client.POST("/api/runs/{runId}/cancel", { params: { path: { runId } }, body: {} });
  const me = await client.GET("/api/me");
  const runbooks = await client.GET("/api/runbooks");
  const errors = runbooks.data?.load_errors?.map((e) => `${e.file}:${e.line}:${e.column}`) ?? [];
  const limit: number | undefined = run.data?.steps[0]?.attempt;
  return [runId, callback, cancelled.data?.status, me.data?.kind, limit, ...waits, ...errors].join(" ");
}
