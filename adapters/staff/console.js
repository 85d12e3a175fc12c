// Staff lookup console. Every text from the knowledge base is inserted with textContent: no HTML injection.
(() => {
  const $ = (id) => document.getElementById(id);
  const q = $('q'),
    topic = $('topic'),
    list = $('results'),
    meta = $('meta');
  let results = [],
    selected = 0,
    timer,
    seq = 0;

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const vi = (d) => (d ? d.split('-').reverse().join('/') : '');
  const dateLabel = (d) => (!d ? '' : /^\d{4}-\d{2}-\d{2}$/.test(d) ? ` ngày ${vi(d)}` : /^\d{4}-\d{2}$/.test(d) ? ` tháng ${vi(d)}` : ` năm ${d}`);

  async function copy(i, english) {
    const r = results[i];
    if (!r) return;
    const text = english && r.english ? r.english.reply : r.reply;
    try {
      await navigator.clipboard.writeText(text);
    } catch (_e) {
      const ta = el('textarea');
      ta.value = text;
      document.body.appendChild(ta);
      ta.select();
      document.execCommand('copy');
      ta.remove();
    }
    const mark = list.children[i]?.querySelector('.copied');
    if (mark) {
      mark.textContent = 'Đã sao chép';
      setTimeout(() => {
        mark.textContent = '';
      }, 2000);
    }
  }

  function render() {
    list.replaceChildren();
    results.forEach((r, i) => {
      const li = el('li', `r${i === selected ? ' sel' : ''}`);
      li.setAttribute('aria-selected', String(i === selected));
      const title = el('div', 't', r.title);
      const badge = {
        current: 'đang áp dụng',
        superseded: `đã thay thế, đến ${vi(r.validTo || '')}`,
        ended: `hết áp dụng, đến ${vi(r.validTo || '')}`,
        not_yet: 'chưa áp dụng',
      }[r.status];
      title.appendChild(el('span', `badge${r.status === 'current' ? '' : ' old'}`, badge));
      li.appendChild(title);
      li.appendChild(
        el(
          'div',
          'src',
          `Nguồn: ${r.sources.map((s) => s.number + dateLabel(s.date) + (s.section ? ` (${s.section})` : '')).join('; ')} · chủ đề ${r.topic} · điểm ${r.score}`,
        ),
      );
      if (r.validity) li.appendChild(el('div', 'validity', r.validity));
      li.appendChild(el('div', 'a', r.answer.replace(/\*\*/g, '')));
      const b = el('button', 'copy', 'Sao chép câu trả lời');
      b.type = 'button';
      b.addEventListener('click', () => {
        selected = i;
        render();
        copy(i);
      });
      li.appendChild(b);
      if (r.english) {
        // The English version, for callers who speak English: folded by default, with its own copy button.
        const box = el('details', 'en');
        box.appendChild(el('summary', undefined, `English: ${r.english.title}`));
        box.appendChild(el('div', 'a', r.english.answer.replace(/\*\*/g, '')));
        const be = el('button', 'copy', 'Copy the English answer');
        be.type = 'button';
        be.addEventListener('click', () => {
          selected = i;
          copy(i, true);
        });
        box.appendChild(be);
        li.appendChild(box);
      }
      li.appendChild(el('span', 'copied', ''));
      li.addEventListener('mouseenter', () => {
        selected = i;
        markSelected();
      });
      list.appendChild(li);
    });
  }

  function markSelected() {
    [...list.children].forEach((li, i) => {
      li.classList.toggle('sel', i === selected);
      li.setAttribute('aria-selected', String(i === selected));
    });
  }

  async function search() {
    const mine = ++seq;
    const text = q.value.trim();
    if (!text) {
      results = [];
      render();
      meta.textContent = '';
      return;
    }
    const t0 = performance.now();
    const res = await fetch(`/api/staff/search?${new URLSearchParams({ q: text, topic: topic.value })}`, { credentials: 'same-origin' });
    if (res.status === 401) {
      location.href = '/staff/login';
      return;
    }
    const body = await res.json();
    if (mine !== seq) return;
    results = body.results;
    selected = 0;
    render();
    const plist = $('passages');
    plist.replaceChildren(
      ...(body.passages || []).map((p) => {
        const li = el('li', 'r');
        li.appendChild(el('div', 't', `${p.number + dateLabel(p.date)} — ${p.location}`));
        li.appendChild(el('div', 'a', p.text));
        return li;
      }),
    );
    $('passages-title').hidden = !(body.passages || []).length;
    meta.textContent = `${results.length} kết quả · máy chủ ${body.ms} ms · tổng ${Math.round(performance.now() - t0)} ms`;
  }

  q.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(search, 80);
  });
  topic.addEventListener('change', search);
  q.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      selected = Math.min(results.length - 1, selected + 1);
      markSelected();
      e.preventDefault();
    } else if (e.key === 'ArrowUp') {
      selected = Math.max(0, selected - 1);
      markSelected();
      e.preventDefault();
    } else if (e.key === 'Enter') {
      copy(selected);
      e.preventDefault();
    }
  });

  const province = $('province'),
    levels = $('levels');
  async function searchLevels() {
    const res = await fetch(`/api/staff/levels?${new URLSearchParams({ q: province.value })}`, { credentials: 'same-origin' });
    if (!res.ok) return;
    const rows = (await res.json()).levels;
    levels.replaceChildren(
      ...rows.map((r) => {
        const tr = el('tr');
        [r.name, r.level ? `Cấp ${r.level}` : '—', vi(r.validFrom), (r.source || '') + (r.sample ? ' (dữ liệu mẫu)' : '')].forEach((v) => {
          tr.appendChild(el('td', '', v));
        });
        return tr;
      }),
    );
  }
  province.addEventListener('input', () => {
    clearTimeout(province.t);
    province.t = setTimeout(searchLevels, 80);
  });

  fetch('/api/staff/topics', { credentials: 'same-origin' })
    .then((r) => r.json())
    .then((b) => {
      b.topics.forEach((t) => {
        const o = el('option', '', t);
        o.value = t;
        topic.appendChild(o);
      });
      if (b.index?.lastError) {
        const ban = $('banner');
        ban.style.display = 'block';
        ban.textContent = `Cập nhật nội dung gần nhất bị lỗi (${b.index.lastError.message}); vẫn đang dùng bản ${b.index.version}.`;
      }
    });
  searchLevels();
})();
