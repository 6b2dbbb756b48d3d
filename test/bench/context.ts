// What every measurement gets: the server, the signed-in people, and how many runs to take.
import type { Person } from "./accounts.ts";

export type BenchContext = {
	baseUrl: string;
	cookies: Record<Person, string>;
	/** Each figure is the median of this many runs. */
	runs: number;
	log: (line: string) => void;
};
