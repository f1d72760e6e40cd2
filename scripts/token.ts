/**
 * Prints a token from the embedded dev identity provider (the key in AUTH_DEV_KEY_DIR, default .data/dev-auth,
 * shared with `npm start`), as the LAST line of output:
 *   npm run token -- --role sagsbehandler --team 1 [--enhed 1] [--sub user] [--scope "operation:Sagsoverblik"] [--expires 8h]
 */
import { loadConfig, ConfigError } from '../src/config';
import { loadOrCreateDevKey, signDevToken } from '../src/access/auth/dev-key';
import { POLICY, ROLES, type Role } from '../src/access/policy';

/**
 * The synthetic municipality's first team and its unit (simulators/generator/organisation.ts numbers teams from 1
 * and puts team 1 in unit 1 in every preset) — the defaults when the fagsystem is the embedded one, so
 * `npm run token -- --role sagsbehandler` prints a token the gateway accepts.
 */
const EMBEDDED_DEFAULT = { team: 1, enhed: 1 };

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n`);
  process.exit(2);
}

async function main() {
  const args = process.argv.slice(2);
  const opts: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) fail(`unexpected argument "${a}"`);
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) fail(`${a} needs a value`);
    opts[a.slice(2)] = v;
    i++;
  }
  const known = ['role', 'team', 'enhed', 'sub', 'scope', 'expires', 'org'];
  for (const k of Object.keys(opts)) if (!known.includes(k)) fail(`unknown option --${k} (known: ${known.map((x) => `--${x}`).join(', ')})`);
  const roles = (opts.role ?? '').split(',').filter(Boolean);
  if (!roles.length) fail(`--role is required (one of ${ROLES.join(', ')})`);
  for (const r of roles) if (!(ROLES as readonly string[]).includes(r)) fail(`--role "${r}" is not one of ${ROLES.join(', ')}`);
  const num = (k: string) => {
    if (opts[k] === undefined) return undefined;
    const n = Number(opts[k]);
    if (!Number.isSafeInteger(n)) fail(`--${k} must be a whole number`);
    return n;
  };
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    fail(e instanceof ConfigError ? e.message : String(e));
  }
  if (config.auth.jwksUrl) fail('AUTH_JWKS_URL is set: tokens come from the municipality\'s identity provider, not from here');
  // a role whose rows follow the team or unit needs that claim, or the gateway refuses every request
  let team = num('team');
  let enhed = num('enhed');
  const rows = new Set(roles.map((r) => POLICY[r as Role].rows));
  const needsTeam = rows.has('team') && team === undefined;
  const needsEnhed = rows.has('enhed') && enhed === undefined;
  if (needsTeam || needsEnhed) {
    if (config.fagsystem) fail(`--role ${roles.join(',')} needs ${needsTeam ? '--team' : '--enhed'} (an id in the fagsystem at FAGSYSTEM_DATABASE_URL)`);
    if (needsTeam) team = EMBEDDED_DEFAULT.team;
    if (needsEnhed) enhed = team === EMBEDDED_DEFAULT.team || team === undefined ? EMBEDDED_DEFAULT.enhed : fail('--enhed is required with a --team other than 1');
    process.stderr.write(`token: for the embedded demo municipality: team ${team ?? '–'}, enhed ${enhed ?? '–'} (override with --team/--enhed)\n`);
  }
  const key = await loadOrCreateDevKey(config.auth.devKeyDir);
  const token = await signDevToken(key, { sub: opts.sub ?? `dev-${roles.join('-')}`, roles, team, enhed, scope: opts.scope, org: opts.org ?? 'Demo Kommune, Socialafdelingen' }, { expiresIn: opts.expires ?? '8h' });
  process.stdout.write(`${token}\n`);
}

main().catch((e) => fail(e instanceof Error ? e.message : String(e)));
