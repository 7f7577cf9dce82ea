// Checks the AsyncAPI payload schemas as a JavaScript consumer reads them: ajv, strict, every schema added by its
// $id, so that a "$ref": "common.schema.json#..." resolves without a file-system loader. Then each sample event
// must pass its schema, and each deliberately broken one must fail it.
'use strict';

const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');

const schemasDir = path.resolve(__dirname, '../../main/resources/asyncapi/v1/schemas');
const samples = require(path.resolve(__dirname, '../resources/asyncapi/v1/samples.json'));

const ajv = new Ajv({ allErrors: true, strict: true });
const failures = [];
const schemas = fs.readdirSync(schemasDir).filter((file) => file.endsWith('.schema.json')).sort();

for (const file of schemas) {
  const schema = JSON.parse(fs.readFileSync(path.join(schemasDir, file), 'utf8'));
  if (!schema.$id || !schema.$id.endsWith('/' + file)) {
    failures.push(`${file}: $id must end with /${file}, is ${schema.$id}`);
  }
  ajv.addSchema(schema);
}

const compiled = {};
for (const file of schemas) {
  const id = JSON.parse(fs.readFileSync(path.join(schemasDir, file), 'utf8')).$id;
  try {
    compiled[file] = ajv.getSchema(id); // compiles it, and fails on a $ref that does not resolve
  } catch (e) {
    failures.push(`${file}: ${e.message}`);
  }
}

let checked = 0;
for (const [event, { valid, invalid }] of Object.entries(samples.events)) {
  const file = `${event}.schema.json`;
  const validate = compiled[file];
  if (!validate) {
    failures.push(`${event}: no schema ${file}`);
    continue;
  }
  valid.forEach((payload, i) => {
    checked++;
    if (!validate(payload)) {
      failures.push(`${event} valid[${i}] fails: ${ajv.errorsText(validate.errors)}`);
    }
  });
  invalid.forEach((payload, i) => {
    checked++;
    if (validate(payload)) {
      failures.push(`${event} invalid[${i}] passes`);
    }
  });
}

const missing = schemas.map((file) => file.replace('.schema.json', ''))
  .filter((name) => name !== 'common' && !(name in samples.events));
missing.forEach((name) => failures.push(`${name}: no sample in samples.json`));

if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`ajv ${require('ajv/package.json').version}: ${schemas.length} schemas compiled, ${checked} samples checked`);
