/** The `--help` texts: what `deskhooks --help` and `deskhooks <command> --help` print. */

export const GLOBAL_HELP = `Usage: deskhooks <command> [options]

Try webhooks locally against a deskhooks server: forward deliveries to your machine, publish test
events, look at hooks and deliveries.

Commands:
  listen --events <types> --forward-to <url>   Forward deliveries to a local URL through a temporary stream hook
  trigger <type> [--data file.json]            Publish an event: the trigger's sample or your data
  hooks list                                   List the tenant's hooks
  deliveries list [--failed] [--hook <id>]     List the newest deliveries (the failure log with --failed)
  redeliver <deliveryId>                       Queue a delivery again (same webhook-id)

Options for every command:
  --server <url>   The deskhooks server (default DESKHOOKS_URL, else http://127.0.0.1:3000)
  --key <key>      A tenant API key, dhk_… (default DESKHOOKS_API_KEY)
  -h, --help       Show help (deskhooks <command> --help for one command)

Exit codes: 0 done, 1 failed (refused key, unreachable server, an error answer), 2 usage mistake.`;

export const COMMAND_HELP: Record<string, string> = {
  listen: `Usage: deskhooks listen --events <type,type…> --forward-to <url> [--print-secret]

Creates a temporary stream hook subscribed to the events, receives its deliveries over the server's
event stream and forwards each one to the local URL with its original method, headers (signature
included) and body, byte for byte. Prints one line per delivery: time, event type, the local answer's
status, duration. The local answer settles the delivery (2xx succeeds; anything else, or a receiver that
is down, is retried per the hook's policy). Ctrl-C (or SIGTERM) deletes the hook.

Options:
  --events <types>     Comma-separated event types, e.g. chat.missed,ticket.created (* for every type)
  --forward-to <url>   Where to send each delivery, e.g. http://localhost:4000/hook
  --print-secret       Print the hook's signing secret (whsec_…) to verify signatures with`,
  trigger: `Usage: deskhooks trigger <type> [--data file.json] [--brand <brand>]

Publishes an event of the type: the trigger's sample data (GET /v1/triggers/<type>), or the JSON object
in --data file.json as the event's data. Every hook subscribed to the type gets a delivery.

Options:
  --data <file>     A JSON file holding the event's data object
  --brand <brand>   Publish the event for this brand`,
  hooks: `Usage: deskhooks hooks list

Lists the tenant's hooks: id, status, destination, events, description.`,
  deliveries: `Usage: deskhooks deliveries list [--failed] [--hook <id>] [--limit <n>]

Lists the newest deliveries with their status and last answer.

Options:
  --failed       Only failed deliveries (the failure log)
  --hook <id>    Only deliveries of this hook
  --limit <n>    How many, 1 to 100 (default 20)`,
  redeliver: `Usage: deskhooks redeliver <deliveryId>

Queues the delivery again at once. It keeps its webhook-id, so the receiver can drop duplicates.`,
};
