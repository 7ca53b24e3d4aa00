// A real OpenID Connect provider for the sign-in tests: two users with a groups claim, one confidential client that must use PKCE.
// Usage: node server.mjs <port> <redirect-uri> [issuer]. Prints "ready" once it listens on 127.0.0.1:<port>.
// The login form (oidc-provider's development interactions) accepts any password for a known user: the tests are about the
// relying party, not about the provider's own login.
import Provider from 'oidc-provider';

const [port, redirectUri, issuer] = process.argv.slice(2);
const accounts = {
  alice: { groups: ['idp-data-stewards'], email: 'alice@example.com' },
  bob: { groups: ['idp-marketing'], email: 'bob@example.com' },
  carol: { groups: ['idp-data-stewards'], email: 'carol@example.com' },
  dave: { groups: ['idp-data-stewards'], email: 'dave@example.com' },
  // The token endpoint's answers for these two are tampered with on the way out (see below).
  mallory: { groups: ['idp-marketing'], email: 'mallory@example.com' },
  eve: { groups: ['idp-marketing'], email: 'eve@example.com' },
};

const b64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
const parse = (part) => JSON.parse(Buffer.from(part, 'base64url').toString());

// An attacker between the relying party and the token endpoint: mallory's ID token claims a group it was not given (the
// signature no longer matches), eve's is re-issued unsigned (alg "none").
function tamper(idToken) {
  const [header, payload, signature] = idToken.split('.');
  const claims = parse(payload);
  if (claims.sub === 'mallory') return `${header}.${b64url({ ...claims, groups: ['idp-data-stewards'] })}.${signature}`;
  if (claims.sub === 'eve') return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...claims, groups: ['idp-data-stewards'] })}.`;
  return idToken;
}

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
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/token' && ctx.body && typeof ctx.body.id_token === 'string') ctx.body = { ...ctx.body, id_token: tamper(ctx.body.id_token) };
});
provider.listen(Number(port), '127.0.0.1', () => console.log('ready'));
