import type { Random } from './random';

// Made-up contacts for synthetic leads. Every email is under `.example` (RFC 2606) and carries the seed and
// the lead's number, so two seeds never produce the same lead.

const firstNames = [
  'Ana',
  'Ben',
  'Chloé',
  'Dev',
  'Elif',
  'Femi',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
  'Kenji',
  'Lena',
  'Marco',
  'Nadia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tara',
  'Uma',
  'Victor',
  'Wen',
  'Yusuf',
];
const lastNames = [
  'Adams',
  'Berg',
  'Costa',
  'Dubois',
  'Evans',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ito',
  'Jensen',
  'Kowalski',
  'Larsen',
  'Moreau',
  'Novak',
  'Okafor',
  'Patel',
  'Rossi',
  'Silva',
  'Tanaka',
  'Weber',
  'Young',
  'Zhang',
];
const companies = [
  'Northwind',
  'Globex',
  'Initech',
  'Umbrella Health',
  'Stark Logistics',
  'Wayne Retail',
  'Tyrell Labs',
  'Cyberdyne',
  'Soylent Foods',
  'Hooli',
  'Vandelay Imports',
  'Wonka Confections',
  'Aperture Science',
  'Massive Dynamic',
  'Oscorp',
  'Gringotts Finance',
  'Monarch Travel',
  'Blue Sun',
  'Pied Piper',
  'Dunder Paper',
];
const titles = [
  'Marketing Manager',
  'Head of Sales',
  'VP Revenue',
  'RevOps Analyst',
  'CMO',
  'Sales Director',
  'Growth Lead',
  'CFO',
  'Operations Manager',
  'CEO',
];

export interface Contact {
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly company: string;
  readonly title: string;
  readonly phone?: string;
}

export function contactFor(rng: Random, seed: number, n: number): Contact {
  const firstName = rng.pick(firstNames);
  const lastName = rng.pick(lastNames);
  const company = rng.pick(companies);
  const domain = `${company.toLowerCase().replace(/[^a-z]+/g, '-')}.example`;
  const local = `${firstName}.${lastName}`.normalize('NFD').replace(/[^A-Za-z.]/g, '');
  return {
    email: `${local.toLowerCase()}+s${seed}-${n}@${domain}`,
    firstName,
    lastName,
    company,
    title: rng.pick(titles),
    phone: rng.chance(0.5) ? `+1-555-${String(rng.int(0, 9999)).padStart(4, '0')}` : undefined,
  };
}
