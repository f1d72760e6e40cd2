import { isAbstractType, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { PROJECTED_COLUMNS, type ColumnOmissions, type ProjectedTable } from '../../connectors/fagsystem/projection';

/**
 * Which fagsystem columns a document can do without. Per table: the GraphQL type its rows become, each of that
 * type's fields with the columns it needs beyond the always-read ones (keys, foreign keys, money), and fields
 * of other types whose resolvers read these rows too (Priser reads the bestilling's validity and the provider's
 * Tilbudsportalen ids). A selected field of the type that is not listed here — a new field, or one whose
 * resolver reads the whole row (proveniens, identitet) — makes the request read every column of the table.
 * Computed once per parsed document (the guards hand the same DocumentNode out again).
 */
interface TablePlan {
  type: string;
  fields: Record<string, readonly string[]>;
  external: Record<string, readonly string[]>;
}
/** Read whatever is selected: keys, foreign keys the resolvers and the access rules follow, money, names. */
const ALWAYS: Record<ProjectedTable, ReadonlySet<string>> = {
  sag: new Set(['sag_id', 'sagsnummer', 'borger_id', 'team_id']),
  leverandoer: new Set(['leverandoer_id', 'navn', 'pnummer']),
  bestilling: new Set(['bestilling_id', 'indsats_id', 'kontraktpris_pr_maaned', 'gyldig_fra']),
  opfoelgning: new Set(['opfoelgning_id', 'indsats_id', 'planlagt_dato', 'udfoert_dato']),
};
const PLAN: Record<ProjectedTable, TablePlan> = {
  sag: {
    type: 'Sag',
    fields: {
      __typename: [], id: [], sagsnummer: [], borger: [], team: [], afgoerelser: [], indsatser: [],
      sagsbehandler: ['sagsbehandler_id'], sagAabnet: ['sag_aabnet'], henvendelsestype: ['henvendelsestype'],
      sagsoplysningStart: ['sagsoplysning_start'], sagsvurderingStart: ['sagsvurdering_start'], handlekommune: ['handlekommune'],
      betalingskommune: ['betalingskommune'], status: ['status'], lukketDato: ['lukket_dato'],
    },
    external: { 'Borger.sager': ['status'] },
  },
  leverandoer: {
    type: 'Leverandoer',
    fields: {
      __typename: [], id: [], navn: [], pnummer: [], produktionsenhed: [], indsatser: [],
      adresse: ['adresse', 'postnummer', 'bynavn'], intern: ['intern'], afregnesPrBorger: ['afregnes_pr_borger'],
      tilbud: ['tilbudsid', 'afdelingsid'], kreditorer: ['tilbudsid', 'afdelingsid'],
    },
    external: { 'Indsats.priser': ['tilbudsid', 'afdelingsid'] },
  },
  bestilling: {
    type: 'Bestilling',
    fields: {
      __typename: [], id: [], kontraktprisPrMaaned: [], gyldigFra: [],
      bestiltDato: ['bestilt_dato'], leverandoer: ['leverandoer_id'], gyldigTil: ['gyldig_til'], egenbetaling: ['egenbetaling'],
    },
    external: { 'Indsats.priser': ['gyldig_til'] },
  },
  opfoelgning: {
    type: 'Opfoelgning',
    fields: {
      __typename: [], id: [], indsats: [], planlagtDato: [], udfoertDato: [], overskredet: [], dageOverskredet: [],
      sagsbehandler: ['sagsbehandler_id'], opfoelgningstype: ['opfoelgningstype'], statusPaaIndsats: ['status_paa_indsats'],
      trivsel: ['trivsel'], magtanvendelser: ['magtanvendelser'], stoettebehovEfter: ['stoettebehov_efter'],
    },
    external: {},
  },
};

/** Every Type.field the document selects; a field on an interface or union counts for each of its types. */
function selectedFields(schema: GraphQLSchema, document: DocumentNode): Set<string> {
  const out = new Set<string>();
  const info = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(info, {
      Field(node) {
        const parent = info.getParentType();
        if (!parent) return;
        out.add(`${parent.name}.${node.name.value}`);
        if (isAbstractType(parent)) for (const t of schema.getPossibleTypes(parent)) out.add(`${t.name}.${node.name.value}`);
      },
    }),
  );
  return out;
}

export function fagsystemColumnsFor(schema: GraphQLSchema): (document: DocumentNode | undefined) => ColumnOmissions | undefined {
  const cache = new WeakMap<DocumentNode, ColumnOmissions>();
  return (document) => {
    if (!document) return undefined;
    let omit = cache.get(document);
    if (!omit) {
      const selected = selectedFields(schema, document);
      omit = {};
      for (const [table, plan] of Object.entries(PLAN) as Array<[ProjectedTable, TablePlan]>) {
        const keep = new Set<string>();
        let all = false;
        for (const coordinate of selected) {
          const dot = coordinate.indexOf('.');
          if (coordinate.slice(0, dot) === plan.type) {
            const needs = plan.fields[coordinate.slice(dot + 1)];
            if (!needs) all = true;
            else for (const c of needs) keep.add(c);
          }
          for (const c of plan.external[coordinate] ?? []) keep.add(c);
        }
        if (all) continue;
        const left = PROJECTED_COLUMNS[table].filter((c) => !ALWAYS[table].has(c) && !keep.has(c));
        if (left.length) omit[table] = left;
      }
      cache.set(document, omit);
    }
    return omit;
  };
}
