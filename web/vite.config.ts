import { fileURLToPath } from "node:url";
import preact from "@preact/preset-vite";
import { defineConfig, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { staticAssetHeadersFile } from "../workers/security-policy.ts";
import { pwaOptions } from "./pwa-config.ts";

/** Writes `_headers` so static assets carry the same security headers as the Worker's answers. */
function securityHeadersFile(): Plugin {
	return {
		name: "fleet-portal-security-headers",
		generateBundle() {
			this.emitFile({ type: "asset", fileName: "_headers", source: staticAssetHeadersFile() });
		},
	};
}

export default defineConfig({
	root: fileURLToPath(new URL(".", import.meta.url)),
	plugins: [preact(), securityHeadersFile(), VitePWA(pwaOptions)],
	build: {
		outDir: "dist",
		emptyOutDir: true,
		// Read by scripts/bundle-size.ts to measure what each page loads first.
		manifest: true,
		target: "es2022",
		// No inline scripts: the CSP allows only 'self'.
		assetsInlineLimit: 0,
	},
});
