import type { Connectors } from '../context/connectors';
import { UNRESTRICTED_SCOPE } from '../access/scope';
import { signDevToken, type DevKey } from '../access/auth/dev-key';
import { POLICY, ROLES } from '../access/policy';

/**
 * For the embedded demo only: a ready token per role (signed by the local dev IdP) so a new user can paste
 * one into GraphiQL's headers. Team/unit claims use the first team of the synthetic municipality.
 */
export async function demoTokenLines(key: DevKey, connectors: Connectors): Promise<string[]> {
  const teams = await connectors.fagsystem.forRequest(UNRESTRICTED_SCOPE).listTeams();
  const team = teams[0];
  const purposes = ROLES.map((r) => `${r}: ${[...POLICY[r].purposes].join('/')}`).join('; ');
  const lines = [`Demo tokens (valid 8 h; send as "Authorization: Bearer …", plus "x-formaal: <purpose>" for citizen data — ${purposes}):`];
  for (const role of ROLES) {
    const token = await signDevToken(key, {
      sub: `demo-${role}`,
      roles: [role],
      team: team?.id,
      enhed: team?.enhedId,
      scope: role === 'app' ? 'operation:Sagsoverblik' : undefined,
      org: 'Demo Kommune, Socialafdelingen',
    });
    lines.push(`  ${role.padEnd(14)} ${token}`);
  }
  return lines;
}
