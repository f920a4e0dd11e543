// An OCPP 2.1 battery-swap cabinet built on ocpp-rpc (an independent OCPP-J library) in strict mode: every call it
// sends and every answer it gets, every call it receives and every answer it gives, is validated against the official
// OCPP 2.1 schemas that ocpp-rpc ships. Run by OcppRpcInteropTest against a running service:
//   SWAPFLEX_OCPP_URL=ws://127.0.0.1:8080/ocpp  (or wss://…, then SWAPFLEX_CA_PEM=the server's certificate)
//   SWAPFLEX_STATION=station-id SWAPFLEX_PASSWORD=its-BasicAuthPassword SWAPFLEX_BAYS=3 node cabinet.mjs
// Prints one JSON line (what happened) and exits 0 when every step passed, 1 otherwise.
import { RPCClient, createValidator } from 'ocpp-rpc';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const url = process.env.SWAPFLEX_OCPP_URL;
const station = process.env.SWAPFLEX_STATION;
const password = process.env.SWAPFLEX_PASSWORD;
const bays = Number(process.env.SWAPFLEX_BAYS ?? '3');
const wsOpts = process.env.SWAPFLEX_CA_PEM ? { ca: readFileSync(process.env.SWAPFLEX_CA_PEM) } : {};
const WAIT_MS = 60_000;

// ocpp-rpc 2.2.1 looks every schema up as urn:<Action>.req / urn:<Action>.conf (its OCPP 1.6 and 2.0.1 naming), while
// the OCPP 2.1 schemas it ships are named urn:<Action>Request / urn:<Action>Response, so its own strict mode finds no
// 2.1 schema ("Schema 'urn:BootNotification.req' is missing"). The same schemas, unchanged but for that name, are
// given to it as the 2.1 validator.
const ocpp21 = createRequire(import.meta.url)('ocpp-rpc/lib/schemas/ocpp2_1.json').map(schema => ({
    ...schema,
    $id: schema.$id.replace(/^urn:(.+)Request$/, 'urn:$1.req').replace(/^urn:(.+)Response$/, 'urn:$1.conf'),
}));
const strictModeValidators = [createValidator('ocpp2.1', ocpp21)];

const result = { url, station, steps: [], strictFailures: [], profiles: [] };
const step = (name, detail) => result.steps.push(detail === undefined ? name : { [name]: detail });
const now = () => new Date().toISOString();

function cabinet(pass) {
    return new RPCClient({
        endpoint: url, identity: station, password: pass, protocols: ['ocpp2.1'], strictMode: true,
        strictModeValidators, reconnect: false, callTimeoutMs: WAIT_MS, wsOpts,
    });
}

// Profiles pushed by the CSMS, answered Accepted; waiters resolve when enough have come.
const waiters = [];
function expectProfiles(count) {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${result.profiles.length} profiles within ${WAIT_MS} ms`)),
            WAIT_MS);
        waiters.push({ count, resolve: () => { clearTimeout(timer); resolve(); } });
        settle();
    });
}
function settle() {
    for (const w of [...waiters]) {
        if (result.profiles.length >= w.count) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve();
        }
    }
}

async function main() {
    // 1. A wrong password is refused at the upgrade (401), before any OCPP message.
    try {
        await cabinet(password + '-wrong').connect();
        throw new Error('a wrong password was let in');
    } catch (e) {
        if (e.code !== 401) throw new Error(`wrong password: expected HTTP 401, got ${e.code} ${e.message}`);
        step('wrongPasswordRefused', `${e.code} ${e.message}`);
    }

    // 2. Security profile 1/2: HTTP Basic with the station id and its password.
    const cli = cabinet(password);
    cli.on('strictValidationFailure', f => result.strictFailures.push(String(f.error?.message ?? f.error ?? f)));
    cli.handle('SetChargingProfile', ({ params }) => {
        result.profiles.push({ evseId: params.evseId, scheduleId: params.chargingProfile.chargingSchedule[0].id });
        settle();
        return { status: 'Accepted' };
    });
    await cli.connect();
    step('connected', cli.protocol);

    const boot = await cli.call('BootNotification', {
        reason: 'PowerUp', chargingStation: { model: 'SwapCab-3', vendorName: 'Acme' },
    });
    if (boot.status !== 'Accepted') throw new Error('boot ' + JSON.stringify(boot));
    step('boot', boot.status);
    await expectProfiles(bays);
    step('profilesAccepted', result.profiles.length);

    await cli.call('Heartbeat', {});
    await cli.call('StatusNotification', { timestamp: now(), connectorStatus: 'Occupied', evseId: 1, connectorId: 1 });
    await cli.call('MeterValues', {
        evseId: 2, meterValue: [{
            timestamp: now(), sampledValue: [
                { value: 57, measurand: 'SoC', unitOfMeasure: { unit: 'Percent' } },
                { value: 1234.5, measurand: 'Energy.Active.Import.Register', unitOfMeasure: { unit: 'Wh' } }],
        }],
    });
    step('meterValues', 'answered');
    await cli.call('NotifyEvent', {
        generatedAt: now(), seqNo: 0, eventData: [{
            eventId: 1, timestamp: now(), trigger: 'Delta', actualValue: 'Faulted',
            eventNotificationType: 'HardWiredNotification', component: { name: 'Connector' },
            variable: { name: 'Problem' },
        }],
    });
    await cli.call('SecurityEventNotification', { type: 'StartupOfTheDevice', timestamp: now() });
    await cli.call('FirmwareStatusNotification', { status: 'Installed', requestId: 1 });
    await cli.call('LogStatusNotification', { status: 'Uploaded', requestId: 2 });
    await cli.call('NotifyReport', { requestId: 3, generatedAt: now(), seqNo: 0, tbc: false });
    const auth = await cli.call('Authorize', { idToken: { idToken: 'rider-9', type: 'Central' } });
    step('authorize', auth.idTokenInfo.status);
    const tx = await cli.call('TransactionEvent', {
        eventType: 'Started', timestamp: now(), triggerReason: 'Authorized', seqNo: 0,
        transactionInfo: { transactionId: 'tx-1' }, idToken: { idToken: 'rider-9', type: 'Central' },
    });
    step('transactionEvent', tx.idTokenInfo?.status ?? 'answered');
    step('routineMessages', 'answered');

    // 3. A swap: the pack of EVSE 1 goes out; the re-plan's profiles are pushed to this session.
    const before = result.profiles.length;
    await cli.call('BatterySwap', {
        eventType: 'BatteryOut', requestId: 21, idToken: { idToken: 'rider-9', type: 'Central' },
        batteryData: [{ evseId: 1, serialNumber: 'PK-0001', soC: 96, soH: 98.5 }],
    });
    step('batterySwap', 'answered');
    await expectProfiles(before + bays);
    const firstPlan = result.profiles[0].scheduleId;
    const newest = result.profiles[result.profiles.length - 1].scheduleId;
    if (!(newest > firstPlan)) throw new Error(`no newer plan pushed: schedule ids ${JSON.stringify(result.profiles)}`);
    step('rePushed', { firstPlan, newest });

    await cli.close();
    if (result.strictFailures.length > 0) throw new Error('strict validation failed');
}

main().then(() => {
    result.ok = true;
    console.log(JSON.stringify(result));
    process.exit(0);
}, e => {
    result.ok = false;
    result.error = String(e?.stack ?? e);
    console.log(JSON.stringify(result));
    process.exit(1);
});
