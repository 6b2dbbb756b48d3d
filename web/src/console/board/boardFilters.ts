import type { BoardJob } from "./boardFeed";

/** The board's filters, as they stand in its URL (`?kind=&technician=&bookings=1`). */
export type BoardFilters = { kind: string; technician: string; bookingsOnly: boolean };

/** `technician` value for jobs nobody is assigned to. */
export const NOBODY = "none";

export const KIND_LABEL: Record<string, string> = {
	pickup_delivery: "Pickup & delivery",
	service_call: "Service call",
};

export function filtersFromQuery(query: Record<string, string>): BoardFilters {
	return {
		kind: query.kind ?? "",
		technician: query.technician ?? "",
		bookingsOnly: query.bookings === "1",
	};
}

/** The query string that keeps `filters`, empty when none is set. */
export function filtersQuery(filters: BoardFilters): string {
	const params = new URLSearchParams();
	if (filters.kind) params.set("kind", filters.kind);
	if (filters.technician) params.set("technician", filters.technician);
	if (filters.bookingsOnly) params.set("bookings", "1");
	const text = params.toString();
	return text ? `?${text}` : "";
}

export const hasFilters = (f: BoardFilters) => Boolean(f.kind || f.technician || f.bookingsOnly);

export function matchesFilters(job: BoardJob, f: BoardFilters): boolean {
	if (f.kind && job.kind !== f.kind) return false;
	if (f.technician === NOBODY ? job.technicianId !== null : f.technician && job.technicianId !== f.technician)
		return false;
	if (f.bookingsOnly && job.source !== "portal") return false;
	return true;
}

/** "12 s", "3 min", "2 h": how long ago a technician's phone last reported. */
export function ageText(ms: number): string {
	const seconds = Math.max(0, Math.round(ms / 1000));
	if (seconds < 90) return `${seconds} s`;
	const minutes = Math.round(seconds / 60);
	return minutes < 90 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

/** "12 Main St → 55 Water St": where a job goes, by street, in order. */
export const routeText = (job: BoardJob) => job.stops.map((s) => s.line1).join(" → ");
