import type { Notification, Page } from '../api/types';
import { ErrorNote } from '../components/ErrorNote';
import { dateTime, shortId } from '../format';
import { useSession } from '../session';
import { useApi } from '../useApi';

export function NotificationsPage() {
  const { api } = useSession();
  const { data, error } = useApi(
    () => api.get<Page<Notification>>('/notifications?limit=50'),
    [api],
  );
  return (
    <section>
      <h1>Notifications</h1>
      <ErrorNote error={error} />
      <ul className="feed">
        {(data?.items ?? []).map((note) => (
          <li key={note.notificationId}>
            <strong>{note.type}</strong>{' '}
            <time dateTime={note.createdAt}>{dateTime(note.createdAt)}</time>
            <p>{note.message}</p>
            {note.orderId && <a href={`#/orders/${note.orderId}`}>Order {shortId(note.orderId)}</a>}
          </li>
        ))}
      </ul>
    </section>
  );
}
