import { encodeCursor } from '../../../functions/lib/dynamo/pagination';
import { contractError } from '../../support/contract-checks';
import { api, registerAndLogin } from '../../support/http-client';
import { notificationsUntil, type Notification, type Page } from '../../support/shop-scenario';

jest.setTimeout(30_000);

describe('GET /notifications (user)', () => {
  it('shows a new customer the WELCOME notification of their registration', async () => {
    const customer = await registerAndLogin({ name: 'Grace' });

    const items = await notificationsUntil(customer, (found) => found.length > 0);

    expect(items).toEqual([
      {
        notificationId: expect.any(String) as unknown,
        type: 'WELCOME',
        message: expect.stringContaining('Grace') as unknown,
        createdAt: expect.any(String) as unknown,
      },
    ]);
  });

  it('shows each customer only their own notifications', async () => {
    const [one, two] = await Promise.all([registerAndLogin(), registerAndLogin()]);

    const [mine, theirs] = await Promise.all([
      notificationsUntil(one, (found) => found.length > 0),
      notificationsUntil(two, (found) => found.length > 0),
    ]);

    expect(mine.map((item) => item.notificationId)).not.toContain(theirs[0]?.notificationId);
    expect(mine).toHaveLength(1);
  });

  it("answers 400 VALIDATION_FAILED for a cursor of another customer's list", async () => {
    const [customer, other] = await Promise.all([registerAndLogin(), registerAndLogin()]);
    const cursor = encodeCursor({ pk: `USER#${other.userId}`, sk: 'NOTIFICATION#2030' }) ?? '';

    const response = await api.get<Page<Notification>>(
      `/notifications?cursor=${encodeURIComponent(cursor)}`,
      { token: customer.token },
    );

    expect(response.status).toBe(400);
    expect(response.body).toEqual(
      contractError('VALIDATION_FAILED', {
        details: [{ field: 'cursor', message: 'Invalid cursor' }],
      }),
    );
  });

  it('answers 401 UNAUTHENTICATED without a token', async () => {
    const response = await api.get('/notifications');

    expect(response.status).toBe(401);
    expect(response.body).toEqual(contractError('UNAUTHENTICATED'));
  });
});
