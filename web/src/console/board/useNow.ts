import { useEffect, useState } from "preact/hooks";

/** The time, refreshed every `everyMs`: what "late" and "fix 12 s ago" are measured against. */
export function useNow(everyMs: number): number {
	const [now, setNow] = useState(Date.now());
	useEffect(() => {
		const timer = setInterval(() => setNow(Date.now()), everyMs);
		return () => clearInterval(timer);
	}, [everyMs]);
	return now;
}
