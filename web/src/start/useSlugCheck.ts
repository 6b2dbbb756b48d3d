import { useEffect, useState } from "preact/hooks";
import { brokenSlugRule, type SlugRule } from "../../../workers/domain/start/slug-rules";

export type SlugCheck =
	| { state: "empty" }
	| { state: "broken"; rule: SlugRule }
	| { state: "checking" }
	| { state: "available" }
	| { state: "taken" }
	| { state: "unknown" };

const PAUSE_MS = 300;

/**
 * Whether a slug can be had, as the person types: the rules at once (the same function the API
 * applies), availability once typing pauses. Only the newest answer counts.
 */
export function useSlugCheck(
	slug: string,
	check: (slug: string, signal: AbortSignal) => Promise<{ available: boolean }>,
): SlugCheck {
	const [result, setResult] = useState<SlugCheck>({ state: "empty" });
	useEffect(() => {
		if (!slug) return setResult({ state: "empty" });
		const rule = brokenSlugRule(slug);
		if (rule) return setResult({ state: "broken", rule });
		setResult({ state: "checking" });
		const abort = new AbortController();
		const timer = setTimeout(() => {
			check(slug, abort.signal)
				.then((answer) => setResult({ state: answer.available ? "available" : "taken" }))
				.catch(() => {
					if (!abort.signal.aborted) setResult({ state: "unknown" });
				});
		}, PAUSE_MS);
		return () => {
			clearTimeout(timer);
			abort.abort();
		};
	}, [slug, check]);
	return result;
}
