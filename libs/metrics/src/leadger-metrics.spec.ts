import { LeadgerMetrics } from './leadger-metrics';

/** The samples of one metric, as `labels → value` lines, read back from the registry. */
async function samples(metrics: LeadgerMetrics, name: string): Promise<Record<string, number>> {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  // Histograms name each sample (`_bucket`, `_sum`, `_count`); counters and gauges do not.
  const { values } = (await metric.get()) as {
    values: { labels: object; value: number; metricName?: string }[];
  };
  return Object.fromEntries(
    values.map(({ labels, value, metricName }) => [
      [metricName ?? name, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`)].join(' '),
      value,
    ]),
  );
}

describe('LeadgerMetrics', () => {
  it('counts commands by type and outcome, and times them by type', async () => {
    const metrics = new LeadgerMetrics();
    metrics.commands.handled('CaptureLead', 'applied', 0.004);
    metrics.commands.handled('CaptureLead', 'applied', 0.02);
    metrics.commands.handled('AcceptLead', 'refused', 0.001);
    expect(await samples(metrics, 'leadger_commands_total')).toEqual({
      'leadger_commands_total command=CaptureLead outcome=applied': 2,
      'leadger_commands_total command=AcceptLead outcome=refused': 1,
    });
    const latency = await samples(metrics, 'leadger_command_duration_seconds');
    expect(latency['leadger_command_duration_seconds_count command=CaptureLead']).toBe(2);
    expect(latency['leadger_command_duration_seconds_sum command=CaptureLead']).toBeCloseTo(0.024);
    expect(latency['leadger_command_duration_seconds_bucket le=0.005 command=CaptureLead']).toBe(1);
  });

  it('counts every lost race as a conflict, and only those decided again as retries', async () => {
    const metrics = new LeadgerMetrics();
    metrics.commands.conflicted('QualifyLead', true);
    metrics.commands.conflicted('QualifyLead', true);
    metrics.commands.conflicted('QualifyLead', false);
    expect(await samples(metrics, 'leadger_concurrency_conflicts_total')).toEqual({
      'leadger_concurrency_conflicts_total command=QualifyLead': 3,
    });
    expect(await samples(metrics, 'leadger_command_retries_total')).toEqual({
      'leadger_command_retries_total command=QualifyLead': 2,
    });
  });

  it('counts policy effects by policy and outcome, and webhook deliveries by outcome with their latency', async () => {
    const metrics = new LeadgerMetrics();
    metrics.policyEffect('routing', 'applied');
    metrics.policyEffect('routing', 'void');
    metrics.policyEffect('sla', 'error');
    metrics.webhooks.delivered('delivered', 0.03);
    metrics.webhooks.delivered('dead_lettered');
    expect(await samples(metrics, 'leadger_policy_effects_total')).toEqual({
      'leadger_policy_effects_total policy=routing outcome=applied': 1,
      'leadger_policy_effects_total policy=routing outcome=void': 1,
      'leadger_policy_effects_total policy=sla outcome=error': 1,
    });
    expect(await samples(metrics, 'leadger_webhook_deliveries_total')).toEqual({
      'leadger_webhook_deliveries_total outcome=delivered': 1,
      'leadger_webhook_deliveries_total outcome=dead_lettered': 1,
    });
    const latency = await samples(metrics, 'leadger_webhook_delivery_duration_seconds');
    expect(latency['leadger_webhook_delivery_duration_seconds_count outcome=delivered']).toBe(1);
    expect(latency['leadger_webhook_delivery_duration_seconds_count outcome=dead_lettered']).toBeUndefined();
  });

  it("reads the lead cache's size at each scrape", async () => {
    const metrics = new LeadgerMetrics();
    const cache = { size: 3 };
    metrics.watchLeadCache(cache);
    expect(await samples(metrics, 'leadger_lead_cache_leads')).toEqual({ leadger_lead_cache_leads: 3 });
    cache.size = 5;
    expect(await samples(metrics, 'leadger_lead_cache_leads')).toEqual({ leadger_lead_cache_leads: 5 });
  });

  it("scrapes as Prometheus text with Node's process metrics, each registry its own", async () => {
    const [one, two] = [new LeadgerMetrics(), new LeadgerMetrics()];
    one.commands.handled('CaptureLead', 'applied', 0.01);
    const text = await one.scrape();
    expect(one.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('# TYPE leadger_commands_total counter');
    expect(text).toContain('leadger_commands_total{command="CaptureLead",outcome="applied"} 1');
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
    expect(await two.scrape()).not.toContain('leadger_commands_total{');
  });
});
