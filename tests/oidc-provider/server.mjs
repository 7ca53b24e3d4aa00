// A real OpenID Connect provider for the sign-in tests: two users with a groups claim, one confidential client that must use PKCE.
// Usage: node server.mjs <port> <redirect-uri> [issuer]. Prints "ready" once it listens on 127.0.0.1:<port>.
// The login form (oidc-provider's development interactions) accepts any password for a known user: the tests are about the
// relying party, not about the provider's own login.
import Provider from 'oidc-provider';

const [port, redirectUri, issuer] = process.argv.slice(2);
const accounts = {
  alice: { groups: ['idp-data-stewards'], email: 'alice@example.com' },
  bob: { groups: ['idp-marketing'], email: 'bob@example.com' },
};

const provider = new Provider(issuer ?? `http://127.0.0.1:${port}`, {
  clients: [{
    client_id: 'rbo',
    client_secret: 'rbo-test-client-secret-0123456789',
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  pkce: { required: () => true },
  claims: { openid: ['sub'], profile: ['preferred_username', 'email', 'groups'] },
  conformIdTokenClaims: false,
  findAccount: (ctx, id) => accounts[id] && {
    accountId: id,
    claims: () => ({ sub: id, preferred_username: id, email: accounts[id].email, groups: accounts[id].groups }),
  },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['rbo-test-cookie-key-0123456789abcdef'] },
});
provider.proxy = false;
provider.listen(Number(port), '127.0.0.1', () => console.log('ready'));
