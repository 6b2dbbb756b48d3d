// Cloudflare's published Workers Paid prices and what the $5 plan includes each month, as read on
// 2026-12-02 from:
//   https://developers.cloudflare.com/workers/platform/pricing/        (requests, CPU)
//   https://developers.cloudflare.com/durable-objects/platform/pricing/ (requests incl. RPC calls,
//     WebSocket messages at 20:1 and alarms; duration at 128 MB per object; hibernation-eligible
//     idle time is not billed)
//   https://developers.cloudflare.com/d1/platform/pricing/              (rows read / written)
//   https://developers.cloudflare.com/r2/pricing/                       (class A / class B)
//   https://developers.cloudflare.com/queues/platform/pricing/          (write + read + delete = 3 operations per message)
export const PRICES = {
	workerRequests: { includedPerMonth: 10_000_000, usdPerMillion: 0.3 },
	durableObjectRequests: { includedPerMonth: 1_000_000, usdPerMillion: 0.15 },
	durableObjectGbSeconds: { includedPerMonth: 400_000, usdPerMillion: 12.5 },
	d1RowsRead: { includedPerMonth: 25_000_000_000, usdPerMillion: 0.001 },
	d1RowsWritten: { includedPerMonth: 50_000_000, usdPerMillion: 1.0 },
	r2ClassA: { includedPerMonth: 1_000_000, usdPerMillion: 4.5 },
	r2ClassB: { includedPerMonth: 10_000_000, usdPerMillion: 0.36 },
	queueOperations: { includedPerMonth: 1_000_000, usdPerMillion: 0.4 },
} as const;

export type Meter = keyof typeof PRICES;

/** Incoming WebSocket messages bill as Durable Object requests at this ratio. */
export const WEBSOCKET_MESSAGES_PER_REQUEST = 20;
/** A Durable Object is billed at this much memory, whatever it uses. */
export const DURABLE_OBJECT_GB = 128 / 1024;
/** Queue operations per message delivered once: a write, a read and a delete. */
export const QUEUE_OPERATIONS_PER_MESSAGE = 3;
