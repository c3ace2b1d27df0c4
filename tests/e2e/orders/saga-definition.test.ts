import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { adminToken, api } from '../../support/http-client';
import { customerWith } from '../../support/shop-scenario';
import { ROOT } from '../../support/test-stack';

interface SagaDefinition {
  stateMachineArn: string;
  name: string;
  type: string;
  definition: { StartAt: string; States: Record<string, { Type: string }> };
}

describe('GET /saga/definition', () => {
  it("answers the deployed state machine's ASL, the same states as the ASL file", async () => {
    const response = await api.get<SagaDefinition>('/saga/definition', {
      token: await adminToken(),
    });

    const file = parse(readFileSync(resolve(ROOT, 'statemachines/order-saga.asl.yml'), 'utf8'), {
      merge: true,
    }) as SagaDefinition['definition'];
    expect(response.status).toBe(200);
    expect(response.body.type).toBe('STANDARD');
    expect(response.body.name).toMatch(/order-saga$/);
    expect(response.body.stateMachineArn).toMatch(/:stateMachine:.+order-saga$/);
    expect(response.body.definition.StartAt).toBe(file.StartAt);
    expect(
      Object.entries(response.body.definition.States).map(([name, state]) => [name, state.Type]),
    ).toEqual(Object.entries(file.States).map(([name, state]) => [name, state.Type]));
  });

  it('answers any signed-in user (a customer draws their order over it), no one without a token', async () => {
    const customer = await customerWith(0);
    expect((await api.get('/saga/definition', { token: customer.token })).status).toBe(200);
    expect((await api.get('/saga/definition')).status).toBe(401);
  });
});
