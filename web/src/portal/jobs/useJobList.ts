import { useEffect, useRef, useState } from "preact/hooks";
import { errorText } from "../../shared/i18n/errors";
import { fetchJobs, filterQuery, type JobFilters, type JobListItem } from "../customerApi";

export type JobList = {
	items: JobListItem[];
	nextCursor: string | null;
	/** "first": the first page for these filters is on its way; "more": the next page is. */
	loading: "first" | "more" | null;
	error: string | undefined;
	/** Appends the next page; resolves to how many jobs were listed before it (null when nothing came). */
	loadMore: () => Promise<number | null>;
	/** Loads the first page again (after it failed). */
	retry: () => void;
};

/** `query`: the filters these items are for. */
type ListState = Omit<JobList, "loadMore" | "retry"> & { query: string };

const message = errorText;

/** The customer's jobs for these filters, newest first, one page at a time. */
export function useJobList(slug: string, filters: JobFilters): JobList {
	const query = filterQuery(filters);
	const [state, setState] = useState<ListState>({
		query,
		items: [],
		nextCursor: null,
		loading: "first",
		error: undefined,
	});
	// Answers for filters that are no longer shown are dropped.
	const generation = useRef(0);
	const [attempt, setAttempt] = useState(0);

	useEffect(() => {
		const current = ++generation.current;
		setState({ query, items: [], nextCursor: null, loading: "first", error: undefined });
		fetchJobs(slug, filters)
			.then((page) => {
				if (current !== generation.current) return;
				setState({ query, items: page.items, nextCursor: page.nextCursor, loading: null, error: undefined });
			})
			.catch((err: unknown) => {
				if (current !== generation.current) return;
				setState({ query, items: [], nextCursor: null, loading: null, error: message(err) });
			});
	}, [slug, query, attempt]);

	// Until the effect starts loading new filters, the old filters' jobs must not show as theirs.
	const shown: ListState =
		state.query === query
			? state
			: { query, items: [], nextCursor: null, loading: "first", error: undefined };

	async function loadMore(): Promise<number | null> {
		const { nextCursor, loading, items } = shown;
		if (!nextCursor || loading) return null;
		const current = generation.current;
		setState((s) => ({ ...s, loading: "more", error: undefined }));
		try {
			const page = await fetchJobs(slug, { ...filters, cursor: nextCursor });
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
			if (current === generation.current) setState((s) => ({ ...s, loading: null, error: message(err) }));
			return null;
		}
	}

	const { query: _, ...list } = shown;
	return { ...list, loadMore, retry: () => setAttempt((n) => n + 1) };
}
