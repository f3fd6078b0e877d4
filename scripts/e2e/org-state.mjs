/**
 * Reads the org's state for the end-to-end assertions, with SOQL through the same jsforce
 * connection the sandbox uses: what the page claims must be what the org holds.
 */

/** Every row of a SOQL query. */
export async function soql(connection, query) {
    const rows = [];
    let result = await connection.query(query);
    rows.push(...result.records);
    while (!result.done && result.nextRecordsUrl) {
        result = await connection.queryMore(result.nextRecordsUrl);
        rows.push(...result.records);
    }
    return rows;
}

/** The Active territory model. */
export async function activeModel(connection) {
    const [model] = await soql(
        connection,
        "SELECT Id, Name FROM Territory2Model WHERE State = 'Active' LIMIT 1"
    );
    if (!model) throw new Error('The local org has no Active territory model');
    return model;
}

/** accountId → Territory2Id in a model. */
export async function assignmentsOf(connection, modelId) {
    const rows = await soql(
        connection,
        'SELECT ObjectId, Territory2Id FROM ObjectTerritory2Association ' +
            `WHERE Territory2.Territory2ModelId = '${modelId}' AND SobjectType = 'Account'`
    );
    const byAccount = new Map();
    for (const row of rows) {
        if (byAccount.has(row.ObjectId)) {
            throw new Error(`Account ${row.ObjectId} is in two territories of model ${modelId}`);
        }
        byAccount.set(row.ObjectId, row.Territory2Id);
    }
    return byAccount;
}

/** The assignment CSV attached to a scenario: rows of AccountId,Territory2Id,RepId,Previous… */
export async function scenarioCsv(connection, scenarioId) {
    const [version] = await soql(
        connection,
        'SELECT Id FROM ContentVersion ' +
            `WHERE FirstPublishLocationId = '${scenarioId}' AND Title = 'assignments' AND IsLatest = TRUE`
    );
    if (!version) throw new Error(`Scenario ${scenarioId} has no assignments CSV`);
    const response = await fetch(
        `${connection.instanceUrl}/services/data/v${connection.version}/sobjects/ContentVersion/${version.Id}/VersionData`,
        { headers: { authorization: `Bearer ${connection.accessToken}` } }
    );
    if (!response.ok) throw new Error(`VersionData of ${version.Id}: HTTP ${response.status}`);
    const text = await response.text();
    const [header, ...lines] = text.trim().split(/\r?\n/);
    const columns = header.split(',');
    return lines.map((line) => {
        const cells = line.split(',');
        return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']));
    });
}
