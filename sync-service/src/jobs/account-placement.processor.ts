/**
 * Processor of `account-placement`. Each run reads the accounts whose SystemModstamp is at or after
 * the high-water mark (less an overlap), tells new and re-addressed accounts from ones edited for
 * other reasons by a fingerprint of their address kept in Redis, places them with
 * planPlacements() and writes the associations; then it advances the mark to the newest
 * SystemModstamp it read. The first run only records the addresses (a baseline). Accounts left
 * unplaced or not written are kept pending and tried again at every run.
 *
 * Redis keys, under the queue prefix but outside the queue's own keys (obliterating the queue
 * keeps them): `placement:state` (hash: `mark`, an ISO datetime), `placement:addresses` (hash:
 * 15-character account id → address fingerprint), `placement:pending` (hash: account id → why it
 * was a candidate) and `placement:lock` (one run at a time).
 */
import { createHash, randomUUID } from 'node:crypto';
import { UnrecoverableError, type IRedisClient, type Job } from 'bullmq';
import {
    throwIfCancelled,
    withFaultPolicy,
    type JobContext,
    type StageProgress
} from './context.js';
import {
    id15,
    normalizePostalCode,
    planPlacements,
    type CandidateKind,
    type PlacementDecision
} from './account-placement-plan.js';
import {
    DEFAULT_OVERLAP_SECONDS,
    type PlacementJobData,
    type PlacementJobResult
} from './account-placement.js';
import { soqlDateTime, type AddressRow, type PlacementSource } from './account-placement-source.js';

/** Longest a run may hold the lock (a run cut off by a crash frees it after this long). */
const LOCK_MS = 30 * 60_000;
/** Fields per HSET / HMGET call. */
const REDIS_CHUNK = 1000;
const EPOCH = new Date(0).toISOString();

/** The Redis keys of the placement state under a queue prefix. */
export function placementKeys(prefix: string) {
    const base = `${prefix}:placement`;
    return {
        state: `${base}:state`,
        addresses: `${base}:addresses`,
        pending: `${base}:pending`,
        lock: `${base}:lock`
    };
}

/**
 * What makes an account's place: its postal unit (segment, normalised postal code) and its
 * coordinates to about 10 m. Hashed: the hash holds one short value per account of the org.
 */
export function addressFingerprint(
    row: Pick<AddressRow, 'postalCode' | 'lat' | 'lon' | 'segment'>
): string {
    const coord = (x: number | null) => (x === null ? '' : x.toFixed(4));
    const text = [
        normalizePostalCode(row.postalCode) ?? '',
        coord(row.lat),
        coord(row.lon),
        row.segment ?? ''
    ].join('\u0000');
    return createHash('sha1').update(text).digest('base64url').slice(0, 12);
}

const later = (a: string, b: string) => (Date.parse(b) > Date.parse(a) ? b : a);

/** Lua scripts the state needs beyond BullMQ's client interface. */
const SCRIPTS = {
    placementLock: {
        numberOfKeys: 1,
        lua: "return redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX')"
    },
    placementUnlock: {
        numberOfKeys: 1,
        lua: "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"
    },
    placementHdel: { numberOfKeys: 1, lua: "return redis.call('hdel', KEYS[1], unpack(ARGV))" }
} as const;
const scriptsDefined = new WeakSet<IRedisClient>();

/** The placement's Redis state (see the keys above), over the placement queue's connection. */
class PlacementState {
    private readonly redis: IRedisClient;
    readonly keys: ReturnType<typeof placementKeys>;

    constructor(redis: IRedisClient, prefix: string) {
        this.redis = redis;
        this.keys = placementKeys(prefix);
        if (!scriptsDefined.has(redis)) {
            for (const [name, definition] of Object.entries(SCRIPTS))
                redis.defineCommand(name, definition);
            scriptsDefined.add(redis);
        }
    }

    async lock(token: string): Promise<boolean> {
        const answer: unknown = await this.redis.runCommand('placementLock', [
            this.keys.lock,
            token,
            LOCK_MS
        ]);
        return answer === 'OK';
    }

    async unlock(token: string): Promise<void> {
        await this.redis.runCommand('placementUnlock', [this.keys.lock, token]);
    }

    mark(): Promise<string | null> {
        return this.redis.hget(this.keys.state, 'mark');
    }

    async fingerprints(ids: string[]): Promise<(string | null)[]> {
        const out: (string | null)[] = [];
        for (let i = 0; i < ids.length; i += REDIS_CHUNK)
            out.push(
                ...(await this.redis.hmget(this.keys.addresses, ...ids.slice(i, i + REDIS_CHUNK)))
            );
        return out;
    }

    async pending(): Promise<Map<string, CandidateKind>> {
        const out = new Map<string, CandidateKind>();
        for (const [id, kind] of Object.entries(await this.redis.hgetall(this.keys.pending)))
            if (kind === 'new' || kind === 'readdressed') out.set(id, kind);
        return out;
    }

    /**
     * Records fingerprints, takes `done` out of the pending set and puts `pending` in, and moves
     * the mark (when given), in one transaction.
     */
    async commit(change: {
        fingerprints: ReadonlyMap<string, string>;
        done?: readonly string[];
        pending?: ReadonlyMap<string, CandidateKind>;
        mark?: string;
    }): Promise<void> {
        const tx = this.redis.multi();
        const entries = [...change.fingerprints];
        for (let i = 0; i < entries.length; i += REDIS_CHUNK)
            tx.hset(this.keys.addresses, Object.fromEntries(entries.slice(i, i + REDIS_CHUNK)));
        const done = change.done ?? [];
        for (let i = 0; i < done.length; i += REDIS_CHUNK)
            tx.runCommand('placementHdel', [this.keys.pending, ...done.slice(i, i + REDIS_CHUNK)]);
        const pending = [...(change.pending ?? [])];
        for (let i = 0; i < pending.length; i += REDIS_CHUNK)
            tx.hset(this.keys.pending, Object.fromEntries(pending.slice(i, i + REDIS_CHUNK)));
        if (change.mark !== undefined) tx.hset(this.keys.state, { mark: change.mark });
        const results = await tx.exec();
        const failure = results?.find(([error]) => error !== null)?.[0];
        if (failure) throw failure;
    }
}

export async function processPlacement(
    job: Job<PlacementJobData, PlacementJobResult>,
    _token: string | undefined,
    signal: AbortSignal | undefined,
    ctx: JobContext,
    source: PlacementSource | undefined
): Promise<PlacementJobResult> {
    if (!source)
        throw new UnrecoverableError(
            'account placement needs a placement source: start the workers with one (src/worker.ts does)'
        );
    return withFaultPolicy(ctx, ctx.queues.placement, job, () => place(job, signal, ctx, source));
}

function emptyResult(modelId: string): PlacementJobResult {
    return {
        modelId,
        baseline: false,
        read: 0,
        newAccounts: 0,
        readdressed: 0,
        retried: 0,
        placedByUnit: 0,
        placedByNearest: 0,
        inPlace: 0,
        alreadyAssigned: 0,
        locked: 0,
        unplaced: 0,
        failed: 0,
        inserted: 0,
        deleted: 0,
        unplacedAccounts: []
    };
}

async function place(
    job: Job<PlacementJobData, PlacementJobResult>,
    signal: AbortSignal | undefined,
    ctx: JobContext,
    source: PlacementSource
): Promise<PlacementJobResult> {
    const state = new PlacementState(await ctx.queues.placement.backend.client, ctx.queues.prefix);
    const modelId = job.data.modelId || (await source.activeModelId());
    const log = ctx.logger.child({ jobId: job.id, queue: job.queueName, modelId });
    const lockToken = randomUUID();
    if (!(await state.lock(lockToken))) {
        log.info('another account placement run is in progress: skipped');
        return { ...emptyResult(modelId), skipped: true };
    }
    try {
        const mark = await state.mark();
        const run = { job, signal, ctx, source, state, modelId, log };
        const result = mark === null ? await takeBaseline(run) : await placeChanged(run, mark);
        await job.updateProgress({ percent: 100, stage: 'done' } satisfies StageProgress);
        return result;
    } finally {
        await state
            .unlock(lockToken)
            .catch((error: unknown) =>
                log.warn({ err: error }, 'could not release the account placement lock')
            );
    }
}

interface Run {
    job: Job<PlacementJobData, PlacementJobResult>;
    signal: AbortSignal | undefined;
    ctx: JobContext;
    source: PlacementSource;
    state: PlacementState;
    modelId: string;
    log: JobContext['logger'];
}

/** First run: record every account's address and set the mark; nothing is placed. */
async function takeBaseline(run: Run): Promise<PlacementJobResult> {
    const { job, signal, ctx, source, state, modelId, log } = run;
    await job.updateProgress({ percent: 10, stage: 'reading' } satisfies StageProgress);
    const rows = await source.changedAccounts(undefined, signal);
    await throwIfCancelled(ctx, ctx.queues.placement, job, signal);
    await job.updateProgress({ percent: 60, stage: 'recording' } satisfies StageProgress);
    let mark = EPOCH;
    for (let i = 0; i < rows.length; i += REDIS_CHUNK) {
        const chunk = rows.slice(i, i + REDIS_CHUNK);
        for (const r of chunk) mark = later(mark, r.modstamp);
        // Chunk by chunk (a million accounts would make one transaction block Redis); the mark
        // comes last, so a baseline cut off half-way is taken again.
        await state.commit({
            fingerprints: new Map(chunk.map((r) => [id15(r.id), addressFingerprint(r)])),
            ...(i + REDIS_CHUNK >= rows.length ? { mark } : {})
        });
    }
    if (rows.length === 0) await state.commit({ fingerprints: new Map(), mark });
    log.info(
        { accounts: rows.length, mark },
        'account placement baseline: addresses recorded; accounts created or re-addressed from now on are placed'
    );
    return { ...emptyResult(modelId), baseline: true, read: rows.length, mark };
}

async function placeChanged(run: Run, mark: string): Promise<PlacementJobResult> {
    const { job, signal, ctx, source, state, modelId, log } = run;
    const queue = ctx.queues.placement;
    const overlap = Number.isFinite(job.data.overlapSeconds)
        ? Math.max(0, job.data.overlapSeconds)
        : DEFAULT_OVERLAP_SECONDS;
    const since = soqlDateTime(new Date(Date.parse(mark) - overlap * 1000).toISOString());
    await job.updateProgress({ percent: 10, stage: 'reading changes' } satisfies StageProgress);
    const rows = await source.changedAccounts(since, signal);

    // New (no fingerprint) and re-addressed (another fingerprint) accounts; the rest were edited
    // for other reasons, or read again in the overlap.
    const candidates = new Map<string, CandidateKind>();
    const fingerprints = new Map<string, string>();
    let newMark = mark;
    const stored = await state.fingerprints(rows.map((r) => id15(r.id)));
    rows.forEach((r, i) => {
        newMark = later(newMark, r.modstamp);
        const fingerprint = addressFingerprint(r);
        const before = stored[i] ?? null;
        if (before === fingerprint) return;
        candidates.set(id15(r.id), before === null ? 'new' : 'readdressed');
        fingerprints.set(id15(r.id), fingerprint);
    });
    // Accounts an earlier run could not place or write, looked at again as what they were then.
    const retried = new Set<string>();
    for (const [id, kind] of await state.pending())
        if (!candidates.has(id)) {
            candidates.set(id, kind);
            retried.add(id);
        }
    const result: PlacementJobResult = {
        ...emptyResult(modelId),
        since,
        mark: newMark,
        read: rows.length
    };
    for (const [id, kind] of candidates)
        if (retried.has(id)) result.retried++;
        else if (kind === 'new') result.newAccounts++;
        else result.readdressed++;

    if (candidates.size === 0) {
        await state.commit({ fingerprints, mark: newMark });
        log.info(
            { read: rows.length, since, mark: newMark },
            'account placement: nothing to place'
        );
        return result;
    }

    await throwIfCancelled(ctx, queue, job, signal);
    await job.updateProgress({ percent: 30, stage: 'reading units' } satisfies StageProgress);
    const accounts = await source.unitAccounts(modelId, signal);
    const decisions = planPlacements(accounts, candidates);
    const target = new Map<string, string>();
    for (const d of decisions) if (d.action === 'assign') target.set(d.accountId, d.territoryId);

    await throwIfCancelled(ctx, queue, job, signal);
    await job.updateProgress({ percent: 60, stage: 'writing' } satisfies StageProgress);
    const written =
        target.size > 0
            ? await source.assign(modelId, target, signal)
            : { inserted: 0, deleted: 0, failed: [] };
    const failed = new Map(written.failed.map((f) => [id15(f.accountId), f]));
    result.inserted = written.inserted;
    result.deleted = written.deleted;

    const stillPending = new Map<string, CandidateKind>();
    for (const d of decisions) {
        const key = id15(d.accountId);
        const failure = failed.get(key);
        logDecision(log, d, failure);
        if (failure) {
            result.failed++;
            stillPending.set(key, d.kind);
            continue;
        }
        switch (d.action) {
            case 'assign':
                if (d.via === 'unit') result.placedByUnit++;
                else result.placedByNearest++;
                break;
            case 'keep':
                if (d.reason === 'locked') result.locked++;
                else if (d.reason === 'assigned') result.alreadyAssigned++;
                else result.inPlace++;
                break;
            case 'unplaced':
                result.unplaced++;
                stillPending.set(key, d.kind);
                if (result.unplacedAccounts.length < 50)
                    result.unplacedAccounts.push({ accountId: d.accountId, reason: d.reason });
                break;
        }
    }

    // The state moves after the writes: a run cut off before this point is done again (the
    // writes are a delta, so the second time changes nothing). Candidates that were decided or
    // are gone (deleted accounts) leave the pending set.
    await state.commit({
        fingerprints,
        done: [...candidates.keys()],
        pending: stillPending,
        mark: newMark
    });

    const summary = {
        read: result.read,
        since,
        mark: newMark,
        newAccounts: result.newAccounts,
        readdressed: result.readdressed,
        retried: result.retried,
        placedByUnit: result.placedByUnit,
        placedByNearest: result.placedByNearest,
        inPlace: result.inPlace,
        alreadyAssigned: result.alreadyAssigned,
        locked: result.locked,
        unplaced: result.unplaced,
        failed: result.failed,
        inserted: result.inserted,
        deleted: result.deleted
    };
    if (result.unplaced > 0 || result.failed > 0)
        log.warn(
            { ...summary, unplacedAccounts: result.unplacedAccounts },
            'account placement: some accounts are not placed (tried again next run)'
        );
    else log.info(summary, 'account placement done');
    return result;
}

function logDecision(
    log: JobContext['logger'],
    d: PlacementDecision,
    failure: { territoryId: string; errorCode: string; message: string } | undefined
) {
    const base = { accountId: d.accountId, kind: d.kind, unit: d.unit, from: d.from };
    if (failure)
        log.debug(
            {
                ...base,
                to: failure.territoryId,
                errorCode: failure.errorCode,
                error: failure.message
            },
            'account not written'
        );
    else if (d.action === 'assign')
        log.debug(
            {
                ...base,
                to: d.territoryId,
                via: d.via,
                ...(d.nearestUnit !== undefined ? { nearestUnit: d.nearestUnit, km: d.km } : {})
            },
            d.kind === 'readdressed' ? 'account moved to its unit' : 'account placed'
        );
    else if (d.action === 'keep') log.debug({ ...base, reason: d.reason }, 'account kept');
    else log.debug({ ...base, reason: d.reason }, 'account unplaced');
}
