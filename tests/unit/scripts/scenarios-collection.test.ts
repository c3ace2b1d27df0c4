import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { scenariosCollection } from '../../../scripts/scenarios/collection';

// The scenarios themselves run against a stack in tests/e2e/scenarios/newman-scenarios.test.ts.

interface Item {
  name: string;
  item?: Item[];
  event?: { listen: string; script: { exec: string[] } }[];
}

const requests = (items: Item[]): Item[] =>
  items.flatMap((item) => (item.item ? requests(item.item) : [item]));

describe('the scenarios collection', () => {
  it('is what docs/scenarios.postman_collection.json holds (npm run openapi writes it)', () => {
    const onDisk: unknown = JSON.parse(
      readFileSync(resolve(__dirname, '../../../docs/scenarios.postman_collection.json'), 'utf8'),
    );

    expect(onDisk).toEqual(scenariosCollection());
  });

  it('tests every request, and names each request once so a poll repeats the right one', () => {
    const all = requests(scenariosCollection().item);
    const names = all.map((item) => item.name);

    expect(new Set(names).size).toBe(names.length);
    for (const item of all) {
      expect(item.event?.find((event) => event.listen === 'test')?.script.exec.join('\n')).toMatch(
        /pm\.test\(/,
      );
    }
  });

  it('covers the course scenarios: every business cancellation, replays, duplicates, withdrawals', () => {
    const text = JSON.stringify(scenariosCollection());

    for (const expected of [
      'CONFIRMED',
      'PAYMENT_DECLINED',
      'OUT_OF_STOCK',
      'NO_DELIVERY_SLOT',
      'IDEMPOTENCY_KEY_REUSED',
      'DUPLICATE_ORDER',
      'INSUFFICIENT_FUNDS',
      '/wallet/withdrawals',
    ]) {
      expect(text).toContain(expected);
    }
  });
});
