// Netlify's own reading of a built site's `_headers` (scripts/tools/host_tools.py runs it):
//   node netlify-headers.mjs SITE ADDRESS...
// prints JSON: `errors` and `rules` from Netlify's parser, and `sent`, the headers Netlify's engine
// (the one `netlify dev` serves with) gives each address.
import { HeadersHandler } from '@netlify/headers'
import { parseAllHeaders } from '@netlify/headers-parser'

const [site, ...addresses] = process.argv.slice(2)
const { headers: rules, errors } = await parseAllHeaders({ headersFiles: [`${site}/_headers`], minimal: true })
const problems = errors.map((error) => error.message)
const logger = { log() {}, warn: (message) => problems.push(message), error: (message) => problems.push(message) }
const engine = new HeadersHandler({ projectDir: site, logger })
const sent = {}
for (const address of addresses) {
  sent[address] = await engine.apply(new Request(new URL(address, 'http://localhost')))
}
console.log(JSON.stringify({ errors: problems, rules: rules.map(({ for: path, values }) => ({ path, values })), sent }))
