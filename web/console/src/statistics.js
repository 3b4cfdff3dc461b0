// The statistics view for supervisors and auditors (#statistics): figures of a range of KST days
// from GET /api/statistics, three charts drawn as inline SVG (no chart library: the CSP allows
// none), each with its data as a table for screen readers, and the CSV download.
import { ApiError } from './api.js';
import { $, el } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const CHANNELS = ['sms', 'chat', 'x', 'voice', 'web'];
const CHANNEL_LABELS = { sms: 'SMS', chat: '채팅 · chat', x: 'X', voice: '전화 · voice', web: '웹 · web' };
const LANGUAGE_LABELS = { ko: '한국어 · Korean', en: 'English', zh: '中文', ja: '日本語', vi: 'Tiếng Việt', mn: 'Монгол', und: '미상 · unknown' };
const DAY_MS = 86_400_000;
const NOT_YOURS = '통계는 감독자와 감사자만 볼 수 있습니다 · Statistics are for supervisors and auditors';

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

const kstDay = (ms) => new Date(ms + 9 * 3_600_000).toISOString().slice(0, 10);
const percent = (rate) => (rate === null || rate === undefined ? '–' : `${(rate * 100).toFixed(1)}%`);
function duration(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 3600) return `${Math.round(seconds / 60)}분 · min`;
  if (seconds < (2 * DAY_MS) / 1000) return `${(seconds / 3600).toFixed(1)}시간 · h`;
  return `${(seconds / 86_400).toFixed(1)}일 · d`;
}
const channelsOf = (report) => [...CHANNELS.filter((c) => report.byDay.some((d) => d.contacts.byChannel[c])), ...new Set(report.byDay.flatMap((d) => Object.keys(d.contacts.byChannel)).filter((c) => !CHANNELS.includes(c)))];

function renderSummary(root, total) {
  const rows = [
    ['접수 (연락) · Contacts', total.contacts.total],
    ['민원 · Complaints', total.complaints.total],
    ['첫 상담 해결률 · First-contact resolution', `${percent(total.firstContactResolution.rate)} (${total.firstContactResolution.resolved}/${total.firstContactResolution.closed})`],
    ['첫 답변까지 (중앙값) · First reply p50', duration(total.firstReply.p50Seconds)],
    ['첫 답변까지 (90%) · First reply p90', duration(total.firstReply.p90Seconds)],
    ['기한 내 답변 · Answered on time', `${percent(total.onTime.share)} (${total.onTime.onTime}/${total.onTime.answered})`],
    ['만족도 평균 · Satisfaction', total.satisfaction.average === null ? '–' : `${total.satisfaction.average} / 5`],
    ['만족도 응답률 · Survey response rate', `${percent(total.satisfaction.responseRate)} (${total.satisfaction.answered}/${total.satisfaction.asked})`],
    ['수어 상담 예약 · Sign language: kept / no-show / cancelled', `${total.signLanguage.kept} / ${total.signLanguage.noShow} / ${total.signLanguage.cancelled}`],
    ['외국인 해피콜 · Foreigner happy calls', total.happyCalls.made],
    ['전화 대기열 (Connect) · Voice queues', total.voiceQueues.available ? Object.entries(total.voiceQueues.queues).map(([q, f]) => `${q}: ${f.handled}`).join(', ') || '–' : '제공되지 않음 · not available'],
  ];
  $('#stats-summary', root).replaceChildren(...rows.map(([term, value]) => el('div', {}, el('dt', {}, term), el('dd', {}, String(value)))));
}

function table(target, caption, head, rows) {
  target.replaceChildren(
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows.map((row) => el('tr', {}, el('th', { scope: 'row' }, String(row[0])), ...row.slice(1).map((cell) => el('td', {}, String(cell)))))),
  );
}

function legend(target, names) {
  target.replaceChildren(...names.map((name, i) => el('span', {}, el('span', { class: `swatch s${i % 7}`, 'aria-hidden': 'true' }), name)));
}

/** An SVG that screen readers announce by its heading and leave alone otherwise (the table carries the data). */
function chart(titleId, width, height, ...children) {
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-labelledby': titleId }, ...children);
}

function renderVolume(root, report) {
  const [width, height, left, bottom] = [640, 240, 40, 30];
  const days = report.byDay;
  const channels = channelsOf(report);
  const max = Math.max(1, ...days.map((d) => d.contacts.total));
  const slot = (width - left - 10) / Math.max(1, days.length);
  const bars = days.flatMap((day, i) => {
    let y = height - bottom;
    return channels
      .map((channel, c) => {
        const n = day.contacts.byChannel[channel] ?? 0;
        const h = (n / max) * (height - bottom - 20);
        y -= h;
        return n === 0 ? null : svg('rect', { class: `s${c % 7}`, x: left + i * slot + slot * 0.15, y, width: slot * 0.7, height: h }, svg('title', {}, `${day.day} ${CHANNEL_LABELS[channel] ?? channel}: ${n}`));
      })
      .filter(Boolean);
  });
  const labels = days.map((day, i) => svg('text', { x: left + i * slot + slot / 2, y: height - 10, 'text-anchor': 'middle' }, day.day.slice(5)));
  const axis = [
    svg('line', { class: 'axis', x1: left, y1: height - bottom, x2: width - 10, y2: height - bottom }),
    svg('text', { x: left - 6, y: 24, 'text-anchor': 'end' }, String(max)),
    svg('text', { x: left - 6, y: height - bottom, 'text-anchor': 'end' }, '0'),
  ];
  $('#stats-volume-chart', root).replaceChildren(chart('stats-volume-title', width, height, ...axis, ...bars, ...labels));
  legend($('#stats-volume-legend', root), channels.map((c) => CHANNEL_LABELS[c] ?? c));
  table($('#stats-volume-table', root), '일별 채널별 접수 · Contacts per day and channel', ['날짜 · Day', ...channels.map((c) => CHANNEL_LABELS[c] ?? c), '합계 · Total'], days.map((d) => [d.day, ...channels.map((c) => d.contacts.byChannel[c] ?? 0), d.contacts.total]));
}

function renderLanguages(root, report) {
  const entries = Object.entries(report.total.contacts.byLanguage).sort((a, b) => b[1] - a[1]);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  const [width, row, label] = [640, 26, 130];
  const height = Math.max(1, entries.length) * row + 10;
  const max = Math.max(1, ...entries.map(([, n]) => n));
  const bars = entries.flatMap(([language, n], i) => [
    svg('text', { x: label - 8, y: i * row + 18, 'text-anchor': 'end' }, LANGUAGE_LABELS[language] ?? language),
    svg('rect', { class: `s${i % 7}`, x: label, y: i * row + 5, width: ((width - label - 90) * n) / max, height: row - 8 }, svg('title', {}, `${LANGUAGE_LABELS[language] ?? language}: ${n}`)),
    svg('text', { x: label + ((width - label - 90) * n) / max + 6, y: i * row + 18 }, `${n} (${percent(total ? n / total : null)})`),
  ]);
  $('#stats-languages-chart', root).replaceChildren(chart('stats-languages-title', width, height, ...bars));
  table($('#stats-languages-table', root), '언어별 접수 · Contacts by language', ['언어 · Language', '접수 · Contacts', '비율 · Share'], entries.map(([language, n]) => [LANGUAGE_LABELS[language] ?? language, n, percent(total ? n / total : null)]));
}

function renderRates(root, report) {
  const [width, height, left, bottom] = [640, 220, 44, 30];
  const days = report.byDay;
  const slot = (width - left - 10) / Math.max(1, days.length);
  const x = (i) => left + i * slot + slot / 2;
  const y = (rate) => height - bottom - rate * (height - bottom - 14);
  const series = [
    ['첫 상담 해결률 · First-contact resolution', (d) => d.firstContactResolution.rate],
    ['기한 내 답변 · On time', (d) => d.onTime.share],
  ];
  const grid = [0, 0.5, 1].flatMap((r) => [svg('line', { class: 'grid', x1: left, y1: y(r), x2: width - 10, y2: y(r) }), svg('text', { x: left - 6, y: y(r) + 4, 'text-anchor': 'end' }, `${r * 100}%`)]);
  const lines = series.flatMap(([name, value], s) => {
    const points = days.map((d, i) => [i, value(d)]).filter(([, v]) => v !== null);
    const path = points.length > 1 ? [svg('polyline', { class: `line s${s}`, points: points.map(([i, v]) => `${x(i)},${y(v)}`).join(' ') })] : [];
    return [...path, ...points.map(([i, v]) => svg('circle', { class: `s${s}`, cx: x(i), cy: y(v), r: 4 }, svg('title', {}, `${days[i].day} ${name}: ${percent(v)}`)))];
  });
  const labels = days.map((d, i) => svg('text', { x: x(i), y: height - 10, 'text-anchor': 'middle' }, d.day.slice(5)));
  $('#stats-rates-chart', root).replaceChildren(chart('stats-rates-title', width, height, ...grid, ...lines, ...labels));
  legend($('#stats-rates-legend', root), series.map(([name]) => name));
  table($('#stats-rates-table', root), '일별 비율 · Rates per day', ['날짜 · Day', ...series.map(([name]) => name)], days.map((d) => [d.day, ...series.map(([, value]) => percent(value(d)))]));
}

const explain = (error) => (error instanceof ApiError && error.status === 403 ? NOT_YOURS : error.message);

/** The view in `root` (#statistics-view); `show()` loads the chosen range (the last 7 KST days at first). */
export function createStatisticsView({ api, root = $('#statistics-view') }) {
  const status = $('#stats-status', root);
  const from = $('#stats-from', root);
  const to = $('#stats-to', root);
  const today = kstDay(Date.now());
  to.value = today;
  from.value = kstDay(Date.parse(`${today}T00:00:00+09:00`) - 6 * DAY_MS);
  const query = () => `from=${encodeURIComponent(from.value)}&to=${encodeURIComponent(to.value)}`;

  async function show() {
    status.textContent = '불러오는 중 · Loading…';
    try {
      const report = await api.get(`/api/statistics?${query()}`);
      renderSummary(root, report.total);
      renderVolume(root, report);
      renderLanguages(root, report);
      renderRates(root, report);
      status.textContent = `${report.from} ~ ${report.to}: ${report.days.length}일 · days`;
    } catch (error) {
      status.textContent = explain(error);
    }
  }

  async function download() {
    status.textContent = 'CSV 준비 중 · Preparing CSV…';
    try {
      const blob = await api.download(`/api/statistics.csv?${query()}`);
      const link = el('a', { href: URL.createObjectURL(blob), download: `statistics-${from.value}-${to.value}.csv` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      status.textContent = 'CSV를 내려받았습니다 · CSV downloaded';
    } catch (error) {
      status.textContent = explain(error);
    }
  }

  $('#stats-range', root).addEventListener('submit', (event) => {
    event.preventDefault();
    void show();
  });
  $('#stats-download', root).addEventListener('click', () => void download());
  return { show };
}
