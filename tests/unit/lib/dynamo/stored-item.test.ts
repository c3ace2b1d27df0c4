import { z } from 'zod';
import { DataIntegrityError } from '../../../../functions/lib/errors';
import { storedItem } from '../../../../functions/lib/dynamo/stored-item';
import { logger } from '../../../../functions/lib/logger';
import { toHttpError } from '../../../../functions/lib/middleware/http-errors';

const toThing = storedItem(
  z.object({ thingId: z.string(), count: z.int(), note: z.string().optional() }),
);
const stored = { pk: 'THING#1', sk: 'THING', gsi1pk: 'THINGS', thingId: '1', count: 3 };

const refusal = (item: Record<string, unknown>): unknown => {
  try {
    toThing(item);
  } catch (error) {
    return error;
  }
  throw new Error('the item was taken');
};

describe('storedItem', () => {
  it("maps an item to the schema's fields, in the schema's order, without keys and index attributes", () => {
    const thing = toThing({ note: 'n', ...stored });

    expect(thing).toEqual({ thingId: '1', count: 3, note: 'n' });
    expect(Object.keys(thing)).toEqual(['thingId', 'count', 'note']);
  });

  it('leaves out an optional field the item does not have, rather than setting it undefined', () => {
    expect(Object.keys(toThing(stored))).toEqual(['thingId', 'count']);
  });

  it("builds the domain value with the schema's transform", () => {
    const toTotal = storedItem(
      z.object({ price: z.int(), quantity: z.int() }).transform((i) => i.price * i.quantity),
    );

    expect(toTotal({ pk: 'LINE#1', sk: 'LINE', price: 250, quantity: 2 })).toBe(500);
  });

  it.each([
    ['a field of the wrong type', { ...stored, count: '3' }, 'count'],
    ['a missing field', { pk: 'THING#1', sk: 'THING', count: 3 }, 'thingId'],
    ['a fraction where an integer is stored', { ...stored, count: 2.5 }, 'count'],
    ['null for an optional field', { ...stored, note: null }, 'note'],
  ])('refuses %s with a DataIntegrityError naming the key and the field', (_, item, field) => {
    const error = refusal(item);

    expect(error).toBeInstanceOf(DataIntegrityError);
    expect((error as Error).message).toContain('THING#1 / THING');
    expect((error as Error).message).toContain(`at ${field}`);
  });

  it('never copies the refused values into the error', () => {
    const error = refusal({ ...stored, thingId: 42, note: ['secret@example.com'] }) as Error;

    expect(error.message).toContain('at thingId');
    expect(error.message).not.toContain('42');
    expect(error.message).not.toContain('secret@example.com');
  });

  it('is a logged 500 that reveals nothing, never a 4xx', () => {
    logger.setLogLevel('SILENT');
    const logged = jest.spyOn(logger, 'error');
    const error = refusal({ ...stored, count: 'many' });

    expect(toHttpError(error)).toEqual({
      statusCode: 500,
      body: { error: { code: 'INTERNAL', message: 'Internal server error' } },
    });
    expect(logged).toHaveBeenCalledWith('Unhandled error', error);
    logged.mockRestore();
  });
});
