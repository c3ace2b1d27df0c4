import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { adminToken, api, registerAndLogin } from '../../support/http-client';
import {
  customerWith,
  freshSlot,
  orderWhenEnded,
  placeOrder,
  productInStock,
} from '../../support/shop-scenario';
import { ROOT } from '../../support/test-stack';

interface SagaDefinition {
  stateMachineArn: string;
  name: string;
  type: string;
  definition: { StartAt: string; States: Record<string, { Type: string }> };
}

const aslFile = () =>
  parse(readFileSync(resolve(ROOT, 'statemachines/order-saga.asl.yml'), 'utf8'), {
    merge: true,
  }) as SagaDefinition['definition'];

/** The definition's StartAt and each state's name and type, in order, to compare with the file. */
const outline = (definition: SagaDefinition['definition']) => ({
  startAt: definition.StartAt,
  states: Object.entries(definition.States).map(([name, state]) => [name, state.Type]),
});

describe('GET /saga/definition', () => {
  it("answers the deployed state machine's ASL, the same states as the ASL file", async () => {
    const response = await api.get<SagaDefinition>('/saga/definition', {
      token: await adminToken(),
    });

    expect(response.status).toBe(200);
    expect(response.body.type).toBe('STANDARD');
    expect(response.body.name).toMatch(/order-saga$/);
    expect(response.body.stateMachineArn).toMatch(/:stateMachine:.+order-saga$/);
    expect(outline(response.body.definition)).toEqual(outline(aslFile()));
  });

  it('answers admins only: 403 FORBIDDEN for a customer, 401 without a token', async () => {
    const customer = await customerWith(0);

    const forCustomer = await api.get('/saga/definition', { token: customer.token });

    expect(forCustomer.status).toBe(403);
    expect(forCustomer.body).toEqual({
      error: { code: 'FORBIDDEN', message: expect.any(String) as string },
    });
    expect((await api.get('/saga/definition')).status).toBe(401);
  });
});

describe('GET /orders/{orderId}/saga/definition', () => {
  async function oneUnitOrdered() {
    const [customer, product, slot] = await Promise.all([
      customerWith(10_000),
      productInStock(5_000, 5),
      freshSlot(3),
    ]);
    const placed = await placeOrder(
      customer,
      [{ productId: product.productId, quantity: 1 }],
      slot.slotId,
    );
    return { customer, orderId: placed.body.orderId };
  }

  it("answers its owner and an admin the ASL of the machine that ran the order's saga", async () => {
    const { customer, orderId } = await oneUnitOrdered();
    await orderWhenEnded(customer, orderId);

    const forOwner = await api.get<SagaDefinition>(`/orders/${orderId}/saga/definition`, {
      token: customer.token,
    });
    const forAdmin = await api.get<SagaDefinition>(`/orders/${orderId}/saga/definition`, {
      token: await adminToken(),
    });
    const deployed = await api.get<SagaDefinition>('/saga/definition', {
      token: await adminToken(),
    });

    expect(forOwner.status).toBe(200);
    expect(forOwner.body).toMatchObject({ type: 'STANDARD', name: deployed.body.name });
    expect(forOwner.body.stateMachineArn).toBe(deployed.body.stateMachineArn);
    expect(outline(forOwner.body.definition)).toEqual(outline(aslFile()));
    expect(forAdmin.status).toBe(200);
    expect(forAdmin.body).toEqual(forOwner.body);
  });

  it("answers 404 for another user's order as for one that does not exist, 401 without a token", async () => {
    const { orderId } = await oneUnitOrdered();
    const stranger = await registerAndLogin();

    const theirs = await api.get(`/orders/${orderId}/saga/definition`, { token: stranger.token });
    const unknown = await api.get('/orders/no-such-order/saga/definition', {
      token: stranger.token,
    });

    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual({
      error: { code: 'NOT_FOUND', message: expect.any(String) as string },
    });
    expect(unknown.status).toBe(404);
    expect((await api.get(`/orders/${orderId}/saga/definition`)).status).toBe(401);
  });
});
