/** What NextPageButton reads of an infinite query (TanStack Query's `useInfiniteQuery`). */
interface Paged {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** The button under a paged list that brings its next page; nothing on the last page. */
export function NextPageButton({ query, label }: { query: Paged; label: string }) {
  if (!query.hasNextPage) return null;
  return (
    <p className="section-actions">
      <button
        type="button"
        className="button button--secondary"
        disabled={query.isFetchingNextPage}
        onClick={() => void query.fetchNextPage()}
      >
        {label}
      </button>
    </p>
  );
}
