// Fails when the Worker or the web app has an import cycle (type-only imports count: a cycle of
// types still ties the layers together), and when a layer imports one it must not:
// the domain imports nothing from routes, middleware, durable-objects or live; contracts import
// no routes; nothing outside routes/ and index.ts imports routes. `npm run cycles` prints them.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOTS = ["workers", "web/src"];
const IMPORT =
	/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** Layers and what they may not import (folders under workers/). */
const FORBIDDEN: Record<string, string[]> = {
	"workers/domain": ["workers/routes", "workers/middleware", "workers/durable-objects", "workers/live"],
	"workers/contracts": ["workers/routes", "workers/middleware", "workers/durable-objects", "workers/live"],
	"workers/email": ["workers/routes", "workers/middleware", "workers/durable-objects"],
	"workers/durable-objects": ["workers/routes", "workers/middleware"],
	"workers/live": ["workers/routes", "workers/middleware"],
	"workers/middleware": ["workers/routes"],
	"web/src": ["workers/routes", "workers/middleware", "workers/durable-objects", "workers/live"],
};

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
	});
}

function resolveImport(from: string, spec: string): string | undefined {
	if (!spec.startsWith(".")) return undefined;
	const base = resolve(dirname(from), spec);
	const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")];
	const found = candidates.find((p) => existsSync(p) && statSync(p).isFile());
	return found ? relative(process.cwd(), found) : undefined;
}

/** Every file's relative imports, resolved to repository paths. */
export function importGraph(): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const file of ROOTS.flatMap(sourceFiles)) {
		const text = readFileSync(file, "utf8");
		const targets = [...text.matchAll(IMPORT)]
			.map((m) => resolveImport(file, m[1] ?? m[2] ?? ""))
			.filter((t): t is string => t !== undefined);
		graph.set(file, [...new Set(targets)]);
	}
	return graph;
}

/** The cycles of a graph: its strongly connected components with more than one file (Tarjan). */
export function cyclesOf(graph: Map<string, string[]>): string[][] {
	let index = 0;
	const order = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const cycles: string[][] = [];
	const visit = (node: string) => {
		order.set(node, index);
		low.set(node, index);
		index++;
		stack.push(node);
		onStack.add(node);
		for (const next of graph.get(node) ?? []) {
			if (!order.has(next)) {
				visit(next);
				low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
			} else if (onStack.has(next)) {
				low.set(node, Math.min(low.get(node) ?? 0, order.get(next) ?? 0));
			}
		}
		if (low.get(node) === order.get(node)) {
			const component: string[] = [];
			let member: string | undefined;
			do {
				member = stack.pop();
				if (member === undefined) break;
				onStack.delete(member);
				component.push(member);
			} while (member !== node);
			const selfImport = graph.get(node)?.includes(node);
			if (component.length > 1 || selfImport) cycles.push(component.sort());
		}
	};
	for (const node of graph.keys()) if (!order.has(node)) visit(node);
	return cycles;
}

/** Imports that cross a layer boundary the wrong way. */
export function layerViolations(graph: Map<string, string[]>): string[] {
	const violations: string[] = [];
	for (const [file, targets] of graph) {
		const layer = Object.keys(FORBIDDEN).find((l) => file.startsWith(`${l}/`));
		if (!layer) continue;
		for (const target of targets) {
			const bad = FORBIDDEN[layer]?.find((f) => target.startsWith(`${f}/`));
			if (bad) violations.push(`${file} imports ${target} (${layer} must not import ${bad})`);
		}
	}
	return violations;
}

if (import.meta.main) {
	const graph = importGraph();
	const cycles = cyclesOf(graph);
	const violations = layerViolations(graph);
	for (const cycle of cycles) console.error(`import cycle: ${cycle.join(" → ")}`);
	for (const v of violations) console.error(`layer: ${v}`);
	if (cycles.length || violations.length) process.exit(1);
	console.log(`imports: ${graph.size} files, no cycles, layers respected`);
}
