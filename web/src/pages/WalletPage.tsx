import { useState } from 'react';
import type { Page, Wallet, WalletTransaction } from '../api/types';
import { AmountForm } from '../components/AmountForm';
import { ErrorNote } from '../components/ErrorNote';
import { dateTime, money, shortId } from '../format';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { TableWrap } from '../components/TableWrap';

export function WalletPage() {
  const { api } = useSession();
  const wallet = useApi(() => api.get<Wallet>('/wallet'), [api]);
  const ledger = useApi(() => api.get<Page<WalletTransaction>>('/wallet/transactions'), [api]);
  const [error, setError] = useState<unknown>();
  const move = (path: string) => (amount: number) => {
    api
      .send('POST', path, { body: { amount }, headers: { 'Idempotency-Key': crypto.randomUUID() } })
      .then(() => {
        setError(undefined);
        wallet.reload();
        ledger.reload();
      }, setError);
  };
  const currency = wallet.data?.currency ?? 'USD';
  return (
    <section>
      <h1>Wallet</h1>
      <ErrorNote error={wallet.error} />
      {wallet.data && (
        <dl className="figures" data-testid="wallet">
          <div>
            <dt>Balance</dt>
            <dd>{money(wallet.data.balance, currency)}</dd>
          </div>
          <div>
            <dt>Held</dt>
            <dd>{money(wallet.data.held, currency)}</dd>
          </div>
          <div>
            <dt>Available</dt>
            <dd data-testid="wallet-available">{money(wallet.data.available, currency)}</dd>
          </div>
        </dl>
      )}
      <AmountForm label="Deposit" onSubmit={move('/wallet/deposits')} />
      <AmountForm label="Withdraw" onSubmit={move('/wallet/withdrawals')} />
      <ErrorNote error={error} />
      <h2>Ledger</h2>
      <TableWrap label="Wallet ledger">
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Type</th>
              <th scope="col">Amount</th>
              <th scope="col">Order</th>
            </tr>
          </thead>
          <tbody>
            {(ledger.data?.items ?? []).map((entry) => (
              <tr key={entry.transactionId}>
                <td>{dateTime(entry.createdAt)}</td>
                <td>{entry.type}</td>
                <td>{money(entry.amount, currency)}</td>
                <td>
                  {entry.orderId ? (
                    <a href={`#/orders/${entry.orderId}`}>{shortId(entry.orderId)}</a>
                  ) : (
                    ''
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
