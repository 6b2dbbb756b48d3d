import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { ApiError, apiFetch, type FieldIssue } from "./api";

export type Resource<T> =
	| { status: "loading"; data?: T }
	| { status: "ready"; data: T }
	| { status: "not_found" }
	/** `issues`: the fields of the request the server refused (a filter in the query). */
	| { status: "error"; message: string; issues: FieldIssue[]; data?: T };

/**
 * GETs one API path and keeps the answer; `reload` fetches it again (the last answer stays on
 * screen meanwhile), `replace` swaps in an answer the page already has (after a save). `known`:
 * the path's answer the page already read, shown without fetching it again.
 */
export function useResource<T>(path: string | null, known?: T) {
	const [state, setState] = useState<Resource<T>>(
		known === undefined ? { status: "loading" } : { status: "ready", data: known },
	);
	const generation = useRef(0);
	const skipFirstLoad = useRef(known !== undefined);

	const load = useCallback(async () => {
		if (path === null) return;
		const mine = ++generation.current;
		setState((s) => ({ status: "loading", data: "data" in s ? s.data : undefined }));
		try {
			const data = await apiFetch<T>(path);
			if (mine === generation.current) setState({ status: "ready", data });
		} catch (err) {
			if (mine !== generation.current) return;
			if (err instanceof ApiError && err.status === 404) setState({ status: "not_found" });
			else
				setState((s) => ({
					status: "error",
					message: err instanceof Error ? err.message : String(err),
					issues: err instanceof ApiError ? err.issues : [],
					data: "data" in s ? s.data : undefined,
				}));
		}
	}, [path]);

	useEffect(() => {
		if (skipFirstLoad.current) skipFirstLoad.current = false;
		else void load();
		return () => {
			generation.current++;
		};
	}, [load]);

	const replace = useCallback((data: T) => {
		generation.current++;
		setState({ status: "ready", data });
	}, []);

	return { state, reload: load, replace };
}
