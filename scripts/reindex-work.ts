// npm run reindex-work -- --table <CaseTableName output> [--region eu-west-2] [--endpoint URL]
// Once after deploying a release that added the work index (gsi3): puts every case, message and letter with something
// to do into the index, and takes out those with nothing, so the console's work queue, messages waiting and letters
// to post list rows written before the index existed. Safe to run again: it changes only rows whose keys are wrong.
// Runs with the operator's own AWS credentials (dynamodb:Scan and dynamodb:UpdateItem on the table, and the data
// key through DynamoDB); --endpoint points it at a local twin.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parseArgs } from 'node:util';
import { DynamoRedressStore } from '../src/adapters/dynamodb/redress-store.ts';

const { values } = parseArgs({ options: { table: { type: 'string' }, region: { type: 'string' }, endpoint: { type: 'string' } } });
if (!values.table) {
  process.stderr.write('reindex-work: --table is required (the stack\'s CaseTableName output)\n');
  process.exit(2);
}
const client = new DynamoDBClient({
  ...(values.region ? { region: values.region } : {}),
  ...(values.endpoint ? { endpoint: values.endpoint } : {}),
});
const changed = await new DynamoRedressStore(client, values.table).reindexWork();
process.stdout.write(`reindex-work: ${changed} row${changed === 1 ? '' : 's'} of ${values.table} changed\n`);
