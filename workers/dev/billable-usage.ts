import { type D1Usage, meteredD1 } from "../middleware/d1-metrics";

/**
 * What Cloudflare bills, counted in this isolate while the benchmark's bill asks for it
 * (development only, for a server started with `BILL_METERING=1`; `POST /dev/usage/reset`
 * starts the count again): Worker invocations, Durable Object
 * requests (calls to a stub, alarms, and incoming WebSocket messages, which bill at 20:1), D1
 * rows, R2 operations by class and Queue messages. Counted at the bindings, so every path —
 * routes, queues, cron, the objects themselves — is in it.
 */
export type BillableUsage = {
	workerInvocations: number;
	durableObjectCalls: number;
	durableObjectAlarms: number;
	webSocketMessagesIn: number;
	d1: D1Usage;
	r2ClassA: number;
	r2ClassB: number;
	queueMessages: number;
	/** Queue messages by producer binding, to say which queue the messages went to. */
	queueMessagesBy: Record<string, number>;
};

const zero = (): BillableUsage => ({
	workerInvocations: 0,
	durableObjectCalls: 0,
	durableObjectAlarms: 0,
	webSocketMessagesIn: 0,
	d1: { roundTrips: 0, rowsRead: 0, rowsWritten: 0, unmeasured: 0, trace: [], writtenBy: {} },
	r2ClassA: 0,
	r2ClassB: 0,
	queueMessages: 0,
	queueMessagesBy: {},
});

/** One per isolate, reset in place: the metered bindings hold on to its D1 part. */
const usage = zero();

export function resetBillableUsage(): void {
	Object.assign(usage, { ...zero(), d1: usage.d1 });
	Object.assign(usage.d1, zero().d1);
}

/** The counts so far; the D1 trace is emptied at each read (a day of statements would not fit). */
export function billableUsage(): Omit<BillableUsage, "d1"> & { d1: Omit<D1Usage, "trace"> } {
	const { trace: _, ...d1 } = usage.d1;
	usage.d1.trace.length = 0;
	return { ...usage, d1 };
}

type Counter = Exclude<keyof BillableUsage, "d1" | "queueMessagesBy">;

/** Whether this environment's bindings are counted (development, `BILL_METERING=1`). */
export const isMetered = (env: { ENVIRONMENT?: string; BILL_METERING?: string }) =>
	env.ENVIRONMENT === "development" && env.BILL_METERING === "1";

/** Counts one billable event (only metered code paths call it). */
export function countBillable(what: Counter, n = 1): void {
	usage[what] += n;
}

/**
 * The bindings by name (duck typing is no use: an RPC-capable binding answers `in` for any
 * property): D1 shards `DB`, `DB_0`…, R2 `MEDIA`, every `*_QUEUE`, the two object namespaces.
 */
const kindOf = (name: string): "d1" | "r2" | "queue" | "namespace" | null =>
	/^DB(_\d+)?$/.test(name)
		? "d1"
		: name === "MEDIA"
			? "r2"
			: name.endsWith("_QUEUE")
				? "queue"
				: name === "TENANT_GATE" || name === "JOB_RELAY"
					? "namespace"
					: null;

/** Method names of R2's class A (state-changing) and class B (reading) operations. */
const R2_CLASS: Record<string, Counter> = {
	put: "r2ClassA",
	list: "r2ClassA",
	createMultipartUpload: "r2ClassA",
	resumeMultipartUpload: "r2ClassA",
	get: "r2ClassB",
	head: "r2ClassB",
};

/**
 * `inner` with `count` told of every method called on it. `then` is left alone: an object stub
 * answers any name, and a counted `then` would make it look like a promise.
 */
function countedMethods<T extends object>(inner: T, count: (name: string, args: unknown[]) => void): T {
	return new Proxy(inner, {
		get(target, name) {
			const value = Reflect.get(target, name);
			if (typeof value !== "function" || typeof name !== "string" || name === "then") return value;
			return (...args: unknown[]) => {
				count(name, args);
				return Reflect.apply(value, target, args);
			};
		},
	});
}

function meteredBinding(name: string, value: unknown): unknown {
	if (typeof value !== "object" || value === null) return value;
	switch (kindOf(name)) {
		case "d1":
			return meteredD1(value as D1Database, usage.d1).binding;
		case "r2":
			return countedMethods(value, (method) => {
				const counter = R2_CLASS[method];
				if (counter) countBillable(counter);
			});
		case "queue":
			return countedMethods(value, (method, args) => {
				const n = method === "send" ? 1 : method === "sendBatch" ? (args[0] as unknown[]).length : 0;
				countBillable("queueMessages", n);
				usage.queueMessagesBy[name] = (usage.queueMessagesBy[name] ?? 0) + n;
			});
		case "namespace":
			return meteredNamespace(value as DurableObjectNamespace);
		default:
			return value;
	}
}

/** Every call to a stub the namespace hands out is one request to the object. */
function meteredNamespace(ns: DurableObjectNamespace): DurableObjectNamespace {
	return new Proxy(ns, {
		get(target, name) {
			const value = Reflect.get(target, name);
			if (typeof value !== "function") return value;
			if (name !== "get" && name !== "getByName") return value.bind(target);
			return (...args: unknown[]) =>
				countedMethods(Reflect.apply(value, target, args) as DurableObjectStub, () =>
					countBillable("durableObjectCalls"),
				);
		},
	});
}

const metered = new WeakMap<object, object>();

/**
 * The environment with every binding counted, on a metered development server; anywhere else
 * the environment itself, untouched.
 */
export function billedEnv<E extends { ENVIRONMENT?: string; BILL_METERING?: string }>(env: E): E {
	if (!isMetered(env)) return env;
	const known = metered.get(env);
	if (known) return known as E;
	const wrapped = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, meteredBinding(k, v)])) as E;
	metered.set(env, wrapped);
	return wrapped;
}
