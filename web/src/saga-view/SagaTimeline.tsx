import type { SagaTrace } from '../api/types';
import { dateTime } from '../format';
import { TableWrap } from '../components/TableWrap';

/** The execution's events in order: each state entered, how it ended, when, and its error. */
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
          {trace.steps.map((step, index) => (
            <tr key={`${step.state}-${index}`} className={`row-${step.status.toLowerCase()}`}>
              <td>{step.state}</td>
              <td>{step.status}</td>
              <td>
                {step.endedAt
                  ? `${Date.parse(step.endedAt) - Date.parse(step.startedAt)} ms`
                  : 'running'}
              </td>
              <td>{step.error ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
