import type { OrganisationsenhedRow, SagsbehandlerRow, TeamRow } from '../model';
import type { GeneratorContext } from './context';
import { FEMALE_NAMES, MALE_NAMES, SURNAMES } from './names';

/**
 * The municipality's myndighed (authority) for adults: organisation units, teams and caseworkers.
 * Teams are named by area or target group as municipalities do; caseload follows the preset.
 */
export interface Organisation {
  enheder: OrganisationsenhedRow[];
  teams: TeamRow[];
  sagsbehandlere: SagsbehandlerRow[];
  /** Caseworkers per team, for assigning cases. */
  sagsbehandlereByTeam: Map<number, SagsbehandlerRow[]>;
}

const ENHEDER = ['Myndighed Voksne – Handicap', 'Myndighed Voksne – Socialpsykiatri og udsatte', 'Myndighed Voksne – Unge 18-25'];
const TEAM_NAMES = ['Team Hobro', 'Team Hadsund', 'Team Mariager', 'Team Botilbud', 'Team Udsatte', 'Team Unge', 'Team Bostøtte', 'Team Beskæftigelse'];

export function generateOrganisation(ctx: GeneratorContext): Organisation {
  const rng = ctx.rng.fork('organisation');
  const enheder = ENHEDER.map((navn, i) => ({ enhed_id: i + 1, navn }));
  const teams: TeamRow[] = [];
  for (let i = 0; i < ctx.preset.teams; i++) {
    const base = TEAM_NAMES[i % TEAM_NAMES.length]!;
    const round = Math.floor(i / TEAM_NAMES.length);
    teams.push({ team_id: i + 1, enhed_id: enheder[i % enheder.length]!.enhed_id, navn: round === 0 ? base : `${base} ${round + 1}` });
  }
  const total = Math.max(teams.length, Math.ceil(ctx.preset.borgere / ctx.preset.borgerePrSagsbehandler));
  const usedInitials = new Set<string>();
  const sagsbehandlere: SagsbehandlerRow[] = [];
  const sagsbehandlereByTeam = new Map<number, SagsbehandlerRow[]>();
  for (let i = 0; i < total; i++) {
    const female = rng.chance(0.8); // the social authority's caseworkers are mostly women
    const fornavn = rng.pick(female ? FEMALE_NAMES : MALE_NAMES);
    const efternavn = rng.pick(SURNAMES);
    let initialer = `${fornavn.slice(0, 2)}${efternavn.slice(0, 2)}`.toUpperCase();
    for (let n = 2; usedInitials.has(initialer); n++) initialer = `${initialer.slice(0, 4)}${n}`;
    usedInitials.add(initialer);
    const team = teams[i % teams.length]!;
    const row = { sagsbehandler_id: i + 1, team_id: team.team_id, navn: `${fornavn} ${efternavn}`, initialer };
    sagsbehandlere.push(row);
    const list = sagsbehandlereByTeam.get(team.team_id) ?? [];
    list.push(row);
    sagsbehandlereByTeam.set(team.team_id, list);
  }
  return { enheder, teams, sagsbehandlere, sagsbehandlereByTeam };
}
