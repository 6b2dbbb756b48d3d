import { useEffect, useRef, useState } from "preact/hooks";
import { errorText } from "./i18n/errors";

/** One page of a list answer: `{ items, nextCursor }`. */
export type Page<T> = { items: T[]; nextCursor: string | null };

export type PagedList<T> = {
	items: T[];
	nextCursor: string | null;
	/** "first": the first page for these filters is on its way; "more": the next page is. */
	loading: "first" | "more" | null;
	error: string | undefined;
	/** Appends the next page; resolves to how many items were listed before it (null when nothing came). */
	loadMore: () => Promise<number | null>;
	/** Loads the first page again (after it failed). */
	retry: () => void;
};

/** `query`: the filters these items are for. */
type ListState<T> = Omit<PagedList<T>, "loadMore" | "retry"> & { query: string };

const firstLoad = <T>(query: string): ListState<T> => ({
	query,
	items: [],
	nextCursor: null,
	loading: "first",
	error: undefined,
});

/**
 * A list read one page at a time, newest first. `query` names the filters (a new one starts
 * over, and answers for filters no longer shown are dropped); `fetchPage` reads one page of them.
 */
export function usePagedList<T>(
	query: string,
	fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
): PagedList<T> {
	const [state, setState] = useState<ListState<T>>(() => firstLoad(query));
	const generation = useRef(0);
	const [attempt, setAttempt] = useState(0);

	useEffect(() => {
		const current = ++generation.current;
		setState(firstLoad(query));
		fetchPage(undefined)
			.then((page) => {
				if (current !== generation.current) return;
				setState({ query, items: page.items, nextCursor: page.nextCursor, loading: null, error: undefined });
			})
			.catch((err: unknown) => {
				if (current !== generation.current) return;
				setState({ query, items: [], nextCursor: null, loading: null, error: errorText(err) });
			});
	}, [query, attempt]);

	// Until the effect starts loading new filters, the old filters' items must not show as theirs.
	const shown: ListState<T> = state.query === query ? state : firstLoad(query);

	async function loadMore(): Promise<number | null> {
		const { nextCursor, loading, items } = shown;
		if (!nextCursor || loading) return null;
		const current = generation.current;
		setState((s) => ({ ...s, loading: "more", error: undefined }));
		try {
			const page = await fetchPage(nextCursor);
			if (current !== generation.current) return null;
			setState((s) => ({
				query,
				items: [...s.items, ...page.items],
				nextCursor: page.nextCursor,
				loading: null,
				error: undefined,
			}));
			return page.items.length ? items.length : null;
		} catch (err) {
			if (current === generation.current) setState((s) => ({ ...s, loading: null, error: errorText(err) }));
			return null;
		}
	}

	const { query: _, ...list } = shown;
	return { ...list, loadMore, retry: () => setAttempt((n) => n + 1) };
}
