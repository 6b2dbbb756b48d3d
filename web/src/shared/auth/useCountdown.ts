import { useEffect, useState } from "preact/hooks";

/** Seconds left until a rate limit lifts, counting down once a second; `start(n)` begins a new wait. */
export function useCountdown(): { secondsLeft: number; start: (seconds: number) => void } {
	const [until, setUntil] = useState(0);
	const [now, setNow] = useState(() => Date.now());
	const secondsLeft = Math.max(0, Math.ceil((until - now) / 1000));

	useEffect(() => {
		if (secondsLeft <= 0) return;
		// Wake when the whole-second count next changes.
		const timer = setTimeout(() => setNow(Date.now()), (until - now) % 1000 || 1000);
		return () => clearTimeout(timer);
	}, [secondsLeft, until, now]);

	return {
		secondsLeft,
		start: (seconds) => {
			const startedAt = Date.now();
			setNow(startedAt);
			setUntil(startedAt + seconds * 1000);
		},
	};
}
