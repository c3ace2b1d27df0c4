/** What `action` throws, for matching its name and fields; fails if it returns. */
export const thrownBy = (action: () => unknown): unknown => {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the action to throw');
};
