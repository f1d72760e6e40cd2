import type { IndsatsRow } from '../model';
import type { Random } from './random';

/**
 * How indsatser under each paragraph behave over time: how long a bevilling runs, whether it has an end
 * date (VUM 2.0 ID 40/41), what usually follows it, and the volume ordered (VUM 2.0 ID 44–46: unit,
 * number of units, per week or month). Citizens follow a profile: a primary track and possibly a
 * concurrent secondary one (e.g. § 108 housing with § 104 day activities).
 */
export interface TrackRule {
  months: readonly [number, number];
  /** Share bevilget without end date (VUM 2.0 ID 41). */
  uden_slutdato: number;
  next: readonly (readonly [string | null, number])[];
  volume: (rng: Random) => { ydelsesenhed: IndsatsRow['ydelsesenhed']; hundredths: number; ydelsesfrekvens: IndsatsRow['ydelsesfrekvens'] };
  /** Ydelser (VUM 2.0 ID 35) per indsats */
  ydelser: readonly [number, number];
}

const halfHours = (rng: Random, min: number, max: number) => rng.int(min * 2, max * 2) * 50;
const weekly = (hours: [number, number]) => (rng: Random) => ({
  ydelsesenhed: 'TIME' as const,
  hundredths: halfHours(rng, ...hours),
  ydelsesfrekvens: 'UGE' as const,
});
const monthlyHours =
  (min: number, max: number, step = 1) =>
  (rng: Random) => ({ ydelsesenhed: 'TIME' as const, hundredths: rng.int(min / step, max / step) * step * 100, ydelsesfrekvens: 'MAANED' as const });
// a stay is ordered as 7 døgn a week (52/12 weeks a month, see UGER_PR_MAANED in src/domain/codes/vum.ts)
const stay = () => ({ ydelsesenhed: 'DOEGN' as const, hundredths: 700, ydelsesfrekvens: 'UGE' as const });
const perMonth = () => ({ ydelsesenhed: 'MAANED' as const, hundredths: 100, ydelsesfrekvens: 'MAANED' as const });

export const TRACKS: Readonly<Record<string, TrackRule>> = {
  SEL85: {
    months: [12, 48],
    uden_slutdato: 0.3,
    next: [
      ['SEL85', 40],
      ['ABL105', 8],
      [null, 52],
    ],
    volume: weekly([1.5, 8]),
    ydelser: [1, 3],
  },
  ABL105: {
    months: [24, 120],
    uden_slutdato: 0.8,
    next: [
      [null, 85],
      ['SEL108', 15],
    ],
    volume: weekly([4, 15]),
    ydelser: [1, 1],
  },
  SEL107: {
    months: [3, 18],
    uden_slutdato: 0,
    next: [
      ['SEL108', 45],
      ['SEL85', 35],
      [null, 20],
    ],
    volume: stay,
    ydelser: [1, 1],
  },
  SEL108: { months: [36, 200], uden_slutdato: 0.95, next: [[null, 100]], volume: stay, ydelser: [1, 1] },
  SEL110: {
    months: [1, 6],
    uden_slutdato: 0,
    next: [
      ['SEL110', 25],
      ['SEL85', 35],
      [null, 40],
    ],
    volume: stay,
    ydelser: [1, 1],
  },
  SEL96: { months: [24, 150], uden_slutdato: 0.9, next: [[null, 100]], volume: monthlyHours(80, 400, 10), ydelser: [1, 1] },
  SEL83: {
    months: [6, 36],
    uden_slutdato: 0.5,
    next: [
      ['SEL83', 40],
      [null, 60],
    ],
    volume: weekly([1, 6]),
    ydelser: [1, 2],
  },
  SEL82B: {
    months: [3, 6],
    uden_slutdato: 0,
    next: [
      ['SEL85', 40],
      [null, 60],
    ],
    volume: perMonth,
    ydelser: [1, 1],
  },
  SEL103: {
    months: [12, 60],
    uden_slutdato: 0.7,
    next: [
      ['SEL103', 20],
      [null, 80],
    ],
    volume: perMonth,
    ydelser: [1, 2],
  },
  SEL104: {
    months: [12, 60],
    uden_slutdato: 0.7,
    next: [
      ['SEL104', 30],
      [null, 70],
    ],
    volume: perMonth,
    ydelser: [1, 3],
  },
  SEL97: {
    months: [12, 48],
    uden_slutdato: 0.5,
    next: [
      ['SEL97', 40],
      [null, 60],
    ],
    volume: monthlyHours(10, 15),
    ydelser: [1, 1],
  },
  SEL102: {
    months: [6, 18],
    uden_slutdato: 0,
    next: [
      ['SEL102', 25],
      [null, 75],
    ],
    volume: monthlyHours(2, 8),
    ydelser: [1, 1],
  },
};

export interface Profile {
  primary: readonly (readonly [string, number])[];
  secondary: readonly (readonly [string | null, number])[];
}

/** A third, lighter track many citizens get on top (ledsagelse, behandling, samvær). */
export const TERTIARY: readonly (readonly [string | null, number])[] = [
  ['SEL97', 10],
  ['SEL102', 8],
  ['SEL104', 12],
  [null, 70],
];

export const PROFILES: readonly (readonly [Profile, number])[] = [
  [
    {
      primary: [['SEL85', 1]],
      secondary: [
        ['SEL104', 30],
        ['SEL97', 12],
        ['SEL102', 10],
        ['SEL103', 20],
        [null, 28],
      ],
    },
    32,
  ],
  [
    {
      primary: [
        ['SEL107', 40],
        ['SEL108', 60],
      ],
      secondary: [
        ['SEL104', 75],
        ['SEL103', 20],
        [null, 5],
      ],
    },
    15,
  ],
  [
    {
      primary: [['SEL107', 1]],
      secondary: [
        ['SEL103', 40],
        ['SEL104', 30],
        [null, 30],
      ],
    },
    7,
  ],
  [
    {
      primary: [['ABL105', 1]],
      secondary: [
        ['SEL103', 55],
        ['SEL104', 35],
        [null, 10],
      ],
    },
    10,
  ],
  [
    {
      primary: [['SEL110', 1]],
      secondary: [
        ['SEL85', 40],
        [null, 60],
      ],
    },
    6,
  ],
  [
    {
      primary: [['SEL96', 1]],
      secondary: [
        ['SEL97', 20],
        [null, 80],
      ],
    },
    3,
  ],
  [
    {
      primary: [['SEL83', 1]],
      secondary: [
        ['SEL85', 50],
        [null, 50],
      ],
    },
    6,
  ],
  [
    {
      primary: [['SEL82B', 1]],
      secondary: [
        ['SEL85', 40],
        [null, 60],
      ],
    },
    5,
  ],
  [
    {
      primary: [['SEL103', 1]],
      secondary: [
        ['SEL85', 60],
        ['SEL104', 20],
        [null, 20],
      ],
    },
    12,
  ],
];
