/** A time window as people read it in the tenant's zone: "Tue, Nov 25, 9:30 AM – 12:30 PM EST". */
export function formatWindow(start: number | null, end: number | null, timeZone: string): string {
	const full = new Intl.DateTimeFormat("en-US", {
		timeZone,
		weekday: "short",
		month: "short",
		day: "numeric",
		hour: "numeric",
		minute: "2-digit",
		timeZoneName: "short",
	});
	if (start === null && end === null) return "To be scheduled";
	if (start === null || end === null) return full.format(start ?? end ?? 0);
	const sameDay =
		new Intl.DateTimeFormat("en-CA", { timeZone }).format(start) ===
		new Intl.DateTimeFormat("en-CA", { timeZone }).format(end);
	if (!sameDay) return `${full.format(start)} – ${full.format(end)}`;
	const time = new Intl.DateTimeFormat("en-US", {
		timeZone,
		hour: "numeric",
		minute: "2-digit",
		timeZoneName: "short",
	});
	const day = new Intl.DateTimeFormat("en-US", {
		timeZone,
		weekday: "short",
		month: "short",
		day: "numeric",
	});
	return `${day.format(start)}, ${new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" }).format(start)} – ${time.format(end)}`;
}
