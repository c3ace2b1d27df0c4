import type { SagaTrace, TraceStep } from '../api/types';
import { dateTime } from '../format';
import { TableWrap } from '../components/TableWrap';

type TimelineRow = TraceStep | { redrivenAt: string };

/** The steps, with each redrive before the first step that started after it. */
function timelineRows(trace: SagaTrace): TimelineRow[] {
  const rows: TimelineRow[] = [...trace.steps];
  for (const redrivenAt of trace.redrivenAt ?? []) {
    const next = rows.findIndex(
      (row) => !('redrivenAt' in row) && Date.parse(row.startedAt) >= Date.parse(redrivenAt),
    );
    rows.splice(next < 0 ? rows.length : next, 0, { redrivenAt });
  }
  return rows;
}

/** The execution's events in order: each state entered, how it ended, when, and its error;
 * an admin's redrive where it happened. */
export function SagaTimeline({ trace }: { trace: SagaTrace }) {
  return (
    <TableWrap label="Saga timeline">
      <table data-testid="saga-timeline">
        <caption>
          Execution {trace.status} · started {dateTime(trace.startedAt)}
          {trace.endedAt ? ` · ended ${dateTime(trace.endedAt)}` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">State</th>
            <th scope="col">Outcome</th>
            <th scope="col">Took</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {timelineRows(trace).map((row, index) =>
            'redrivenAt' in row ? (
              <tr key={`redrive-${index}`} className="row-redriven">
                <td>ExecutionRedriven</td>
                <td colSpan={3}>redriven by an admin at {dateTime(row.redrivenAt)}</td>
              </tr>
            ) : (
              <tr key={`${row.state}-${index}`} className={`row-${row.status.toLowerCase()}`}>
                <td>{row.state}</td>
                <td>{row.status}</td>
                <td>
                  {row.endedAt
                    ? `${Date.parse(row.endedAt) - Date.parse(row.startedAt)} ms`
                    : 'running'}
                </td>
                <td>{row.error ?? ''}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </TableWrap>
  );
}
