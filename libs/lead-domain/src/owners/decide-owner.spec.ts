import { decideOwner } from './decide-owner';
import { evolveOwner, noOwner, type OwnerCommand } from './owner';

const metadata = { occurredAt: '2025-03-03T09:00:00.000Z' };
const setOwner = (data: Partial<OwnerCommand['data']> = {}): OwnerCommand => ({
  type: 'SetOwner',
  data: { ownerId: 'bob', name: 'Bob Lee', teams: ['sdr'], active: true, capacity: 20, ...data },
  metadata,
});

describe('SetOwner', () => {
  describe('when the owner is not in the roster', () => {
    it('adds them, with their teams sorted and once each', () => {
      expect(decideOwner(setOwner({ teams: ['sdr', 'ae', 'sdr'] }), noOwner)).toEqual({
        ok: true,
        events: [
          {
            type: 'OwnerSet',
            data: { ownerId: 'bob', name: 'Bob Lee', teams: ['ae', 'sdr'], active: true, capacity: 20 },
            metadata,
          },
        ],
      });
    });

    it.each([
      ['ownerId', { ownerId: 'Bob Lee' }],
      ['name', { name: '  ' }],
      ['teams', { teams: ['sdr', ' '] }],
      ['capacity', { capacity: -1 }],
      ['capacity', { capacity: 1.5 }],
    ])('refuses a bad %s', (field, data) => {
      expect(decideOwner(setOwner(data), noOwner)).toMatchObject({ ok: false, field });
    });
  });

  describe('when the owner is in the roster', () => {
    const known = evolveOwner(noOwner, {
      type: 'OwnerSet',
      data: { ownerId: 'bob', name: 'Bob Lee', teams: ['sdr'], active: true, capacity: 20 },
      metadata,
    });

    it('records nothing when nothing changed (PUT again)', () => {
      expect(decideOwner(setOwner(), known)).toEqual({ ok: true, events: [] });
    });

    it('records the change when they go on leave', () => {
      expect(decideOwner(setOwner({ active: false }), known)).toMatchObject({
        ok: true,
        events: [{ type: 'OwnerSet', data: { active: false } }],
      });
    });
  });
});
