/** What the graph's colours and lines mean. */
export function Legend() {
  return (
    <ul className="legend" aria-label="Legend">
      <li>
        <span className="swatch step-succeeded" /> succeeded
      </li>
      <li>
        <span className="swatch step-retried" /> succeeded after retries
      </li>
      <li>
        <span className="swatch step-caught" /> caught (undo follows)
      </li>
      <li>
        <span className="swatch step-failed" /> failed
      </li>
      <li>
        <span className="swatch step-running" /> running
      </li>
      <li>
        <span className="line line-next" /> next
      </li>
      <li>
        <span className="line line-catch" /> catch
      </li>
    </ul>
  );
}
