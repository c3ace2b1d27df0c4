import { sagaMermaid, type AslDefinition } from '../../../scripts/saga-graph/mermaid';
import { loadOrderSaga } from '../../support/order-saga-definition';

const definition: AslDefinition = loadOrderSaga();

describe('sagaMermaid', () => {
  const diagram = sagaMermaid(definition);

  it('draws every state of the ASL file', () => {
    for (const state of Object.keys(definition.States))
      expect(diagram).toMatch(new RegExp(`^  ${state}[[({]`, 'm'));
  });

  it("draws Next and a Choice's ways on as solid edges and Catch as dashed ones", () => {
    expect(diagram).toContain('  Start --> NewOrStuck\n');
    expect(diagram).toContain('  NewOrStuck --> CancelDelivery\n');
    expect(diagram).toContain('  NewOrStuck --> ReservePayment\n');
    expect(diagram).toContain('  BookDelivery --> CapturePayment\n');
    expect(diagram).toContain('  BookDelivery -.-> CancelDelivery\n');
    expect(diagram).toContain('  ConfirmOrder -.-> CancelDelivery\n');
    expect(diagram).toContain('  CancelOrder -.-> MarkCompensationFailed\n');
  });

  it("colours one order's path: states by outcome, transitions taken", () => {
    const lines = sagaMermaid(definition, [
      { state: 'NewOrStuck', status: 'SUCCEEDED' },
      { state: 'ReservePayment', status: 'SUCCEEDED' },
      { state: 'ReserveStock', status: 'SUCCEEDED' },
      { state: 'BookDelivery', status: 'RETRIED' },
      { state: 'BookDelivery', status: 'CAUGHT' },
      { state: 'CancelDelivery', status: 'SUCCEEDED' },
    ]).split('\n');
    const edgeLines = lines.filter((line) => / (-->|-\.->) /.test(line));
    const styled = lines
      .filter((line) => line.startsWith('  linkStyle '))
      .map((line) => edgeLines[Number(line.split(' ')[3])]?.trim());

    expect(lines).toContain('  class ReservePayment passed');
    expect(lines).toContain('  class BookDelivery caught');
    expect(lines).not.toContain('  class ConfirmOrder passed');
    expect(styled).toEqual([
      'Start --> NewOrStuck',
      'NewOrStuck --> ReservePayment',
      'ReservePayment --> ReserveStock',
      'ReserveStock --> BookDelivery',
      'BookDelivery -.-> CancelDelivery',
    ]);
  });
});
