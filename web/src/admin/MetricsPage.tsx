import type { Metrics } from '../api/types';
import { ErrorNote } from '../components/ErrorNote';
import { useSession } from '../session';
import { useApi } from '../useApi';
import { TableWrap } from '../components/TableWrap';

const HOUR_MS = 3_600_000;

const figure = (value: number): string =>
  new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(value);
const unitLabel = (unit: string): string =>
  unit === 'Milliseconds' ? 'ms' : unit === 'Count' ? '' : unit;

/** GET /admin/metrics for the last hour by minute: each series' points and its latest value. */
export function MetricsPage() {
  const { api } = useSession();
  const { data, error } = useApi(() => {
    const to = new Date();
    const from = new Date(to.getTime() - HOUR_MS);
    return api.get<Metrics>(
      `/admin/metrics?from=${from.toISOString()}&to=${to.toISOString()}&period=60`,
    );
  }, [api]);
  return (
    <section>
      <h1>Metrics (last hour, per minute)</h1>
      <ErrorNote error={error} />
      <TableWrap label="Metric series">
        <table>
          <thead>
            <tr>
              <th scope="col">Series</th>
              <th scope="col">Stat</th>
              <th scope="col">Dimensions</th>
              <th scope="col">Hour total</th>
              <th scope="col">Latest minute</th>
            </tr>
          </thead>
          <tbody>
            {(data?.series ?? []).map((series) => (
              <tr key={`${series.name}-${series.stat}-${JSON.stringify(series.dimensions)}`}>
                <td>{series.name}</td>
                <td>{series.stat}</td>
                <td>
                  {Object.entries(series.dimensions)
                    .map(([k, v]) => `${k}=${v}`)
                    .join(', ')}
                </td>
                {/* A sum of percentiles means nothing: the hour's total is for Sum series only. */}
                <td>
                  {series.stat === 'Sum'
                    ? figure(series.points.reduce((sum, p) => sum + p.value, 0))
                    : '–'}
                </td>
                <td>
                  {series.points.length > 0 ? figure(series.points.at(-1)?.value ?? 0) : '–'}{' '}
                  {unitLabel(series.unit)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
