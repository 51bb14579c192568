//! Shallow syntax over tagged words: noun phrases (with possessives and coordination), verb
//! groups (auxiliaries, modals, negation, passive), quotation regions, and the grammatical roles
//! of each verb group (subject, object, governor, clause kind).

use crate::cues::{CueKind, Cues};
use crate::tagger::Tag;
use crate::words::Words;

/// A noun phrase: words `start..end`.
#[derive(Debug, Clone, Default)]
pub struct Np {
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// Head word (last noun, pronoun or number).
    pub head: usize,
    /// For a possessor ("Russia" in "Russia's Foreign Ministry"): the possessed NP.
    pub owner: Option<usize>,
    /// For a possessed NP: its possessor NP.
    pub poss: Option<usize>,
    /// Coordination group (indices of all conjuncts, in order, including this one).
    pub group: Vec<usize>,
    /// A personal pronoun NP.
    pub pronoun: bool,
    /// Starts with a definite determiner (the, this, that, these, those).
    pub definite: bool,
}

/// How a verb group relates to the verb group that governs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// A main clause.
    Main,
    /// Complement clause of a verb ("said (that) X ...", "warned that X ...").
    Complement,
    /// Infinitive or gerund complement ("request to launch", "denies planning").
    Nonfinite,
    /// Participial or coordinated verb after a comma or `and` ("..., blaming X").
    Adjunct,
    /// Relative clause ("who is in Moscow").
    Relative,
    /// Reduced relative ("troops massed on the border").
    Reduced,
}

/// A verb group: words `start..end` with head `head`.
#[derive(Debug, Clone)]
pub struct Vg {
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    /// Main verb (last verb of the group; the modal for a bare modal).
    pub head: usize,
    /// Negated ("did not", "never").
    pub neg: bool,
    /// The modal word, if any.
    pub modal: Option<usize>,
    /// Passive ("was attacked").
    pub passive: bool,
    /// To-infinitive.
    pub inf: bool,
    /// Has a finite verb or a modal.
    pub finite: bool,
    /// A modal with no verb after it ("should the troops launch"): opens an inverted clause.
    pub bare_modal: bool,
    /// Subject NP (first of its coordination group).
    pub subject: Option<usize>,
    /// The subject is inherited from another verb group (control, adjuncts).
    pub subject_from: Option<usize>,
    /// Object NP.
    pub object: Option<usize>,
    /// Governing verb group.
    pub governor: Option<usize>,
    /// How it hangs on its governor.
    pub link: Link,
    /// A noun the (non-finite) group complements ("request to", "fears of X invading").
    pub noun_governor: Option<usize>,
    /// Inside a conditional clause ("if", inverted "should").
    pub conditional: bool,
    /// First word of the clause (subject start or the verb group's start).
    pub clause_start: usize,
    /// Where its complements end: the start of the next finite clause or the sentence end.
    pub limit: usize,
}

/// The syntax of one sentence.
#[derive(Debug, Clone, Default)]
pub struct Syntax {
    /// Noun phrases, in order.
    pub nps: Vec<Np>,
    /// Verb groups, in order.
    pub vgs: Vec<Vg>,
    /// For each word, the NP it belongs to.
    pub np_of: Vec<Option<usize>>,
    /// For each word, the verb group it belongs to.
    pub vg_of: Vec<Option<usize>>,
    /// Direct quotations: word ranges strictly inside the quotation marks, with whether the
    /// closing mark is in this sentence.
    pub quotes: Vec<(usize, usize, bool)>,
    /// For each word, the quotation it is in.
    pub quote_of: Vec<Option<usize>>,
}

const SKIPPABLE_PUNCT: [&str; 6] = ["[", "]", "\u{2026}", "...", "(", ")"];

fn is_np_tag(t: Tag) -> bool {
    t.is_noun()
        || t.is_adj()
        || t == Tag::DT
        || t == Tag::PDT
        || t == Tag::PRPS
        || t == Tag::CD
        || t == Tag::POS
}

fn is_pronoun(w: &str) -> bool {
    matches!(
        w,
        "he" | "him"
            | "she"
            | "her"
            | "it"
            | "they"
            | "them"
            | "we"
            | "us"
            | "i"
            | "me"
            | "you"
            | "himself"
            | "herself"
            | "itself"
            | "themselves"
    )
}

/// Possessive determiners that start a noun phrase.
pub fn is_possessive_pronoun(w: &str) -> bool {
    matches!(w, "his" | "her" | "its" | "their" | "our" | "my" | "your")
}

fn is_be(lemma: &str) -> bool {
    lemma == "be" || lemma == "get"
}

impl Syntax {
    /// Analyses `words`. `fixed[i]` marks words inside dictionary actor or agent names, which
    /// always belong to noun phrases; `dates[i]` marks words of date expressions, which never do.
    pub fn analyze(
        words: &Words,
        cues: &Cues,
        fixed: &[bool],
        dates: &[bool],
        open_quote: bool,
    ) -> Syntax {
        let n = words.len();
        let mut s = Syntax {
            np_of: vec![None; n],
            vg_of: vec![None; n],
            quote_of: vec![None; n],
            ..Default::default()
        };
        s.find_quotes(words, open_quote);
        s.chunk_nps(words, fixed, dates);
        s.chunk_vgs(words, cues, fixed);
        s.coordinate(words);
        s.roles(words, cues, fixed, dates);
        s
    }

    fn find_quotes(&mut self, words: &Words, open_quote: bool) {
        let mut open: Option<usize> = open_quote.then_some(0);
        for i in 0..words.len() {
            let t = words.tag(i);
            if t == Tag::OPEN_QUOTE && open.is_none() {
                open = Some(i + 1);
            } else if (t == Tag::CLOSE_QUOTE || t == Tag::OPEN_QUOTE) && open.is_some() {
                if let Some(a) = open.take() {
                    self.quotes.push((a, i, true));
                }
            }
        }
        if let Some(a) = open {
            if a < words.len() {
                self.quotes.push((a, words.len(), false));
            }
        }
        for (qi, &(a, b, _)) in self.quotes.iter().enumerate() {
            for q in &mut self.quote_of[a..b] {
                *q = Some(qi);
            }
        }
    }

    fn chunk_nps(&mut self, words: &Words, fixed: &[bool], dates: &[bool]) {
        let n = words.len();
        let mut i = 0;
        while i < n {
            let np_word = |k: usize| -> bool {
                if k >= n || dates[k] {
                    return false;
                }
                let t = words.tag(k);
                let w = words.norm(k);
                if fixed[k] && !matches!(w, "and" | "," | "'s") {
                    return true;
                }
                if is_np_tag(t) {
                    return true;
                }
                // "the massed troops", "U.S.-led exercises"
                if (t == Tag::VBN || t == Tag::VBG)
                    && k > 0
                    && (matches!(words.tag(k - 1), Tag::DT | Tag::PRPS | Tag::JJ | Tag::CD)
                        || (words.norm(k - 1) == "-"
                            && words.items[k - 1].span.end == words.items[k].span.start))
                    && k + 1 < n
                    && (words.tag(k + 1).is_noun() || words.tag(k + 1).is_adj())
                {
                    return true;
                }
                let glued = k > 0
                    && k + 1 < n
                    && words.items[k - 1].span.end == words.items[k].span.start
                    && words.items[k].span.end == words.items[k + 1].span.start;
                if w == "-"
                    && glued
                    && is_np_tag(words.tag(k - 1))
                    && matches!(words.tag(k + 1), Tag::VBN | Tag::VBD | Tag::JJ)
                {
                    return true;
                }
                false
            };
            let t = words.tag(i);
            let w = words.norm(i);
            if t == Tag::PRP || (is_pronoun(w) && !fixed[i] && t != Tag::PRPS) {
                self.push_np(i, i + 1, i, true, false);
                i += 1;
                continue;
            }
            if !np_word(i) || t == Tag::POS {
                i += 1;
                continue;
            }
            // A run of NP words, split at possessives and at determiners after a noun.
            let mut start = i;
            let mut j = i;
            let mut seen_noun = false;
            let mut prev_np: Option<usize> = None;
            while j < n && np_word(j) {
                let tj = words.tag(j);
                let wj = words.norm(j);
                if tj == Tag::POS {
                    if j > start {
                        let k = self.push_np(start, j, j - 1, false, false);
                        self.link_poss(prev_np, k);
                        prev_np = Some(k);
                    }
                    start = j + 1;
                    seen_noun = false;
                    j += 1;
                    continue;
                }
                let starts_new =
                    (tj == Tag::DT || tj == Tag::PRPS || tj == Tag::PDT) && seen_noun && !fixed[j];
                if starts_new && j > start {
                    let k = self.push_np(start, j, j - 1, false, false);
                    self.link_poss(prev_np, k);
                    prev_np = None;
                    start = j;
                    seen_noun = false;
                }
                if tj.is_noun() || tj == Tag::CD || (fixed[j] && !tj.is_adj()) {
                    seen_noun = true;
                }
                let _ = wj;
                j += 1;
            }
            if j > start {
                // head: last noun-like word
                let mut head = j - 1;
                for k in (start..j).rev() {
                    let tk = words.tag(k);
                    if tk.is_noun() || tk == Tag::CD || tk == Tag::PRP {
                        head = k;
                        break;
                    }
                }
                let k = self.push_np(start, j, head, false, false);
                self.link_poss(prev_np, k);
            }
            i = j.max(i + 1);
        }
        for (k, np) in self.nps.iter_mut().enumerate() {
            let d = words.norm(np.start);
            np.definite = matches!(d, "the" | "this" | "that" | "these" | "those");
            np.group = vec![k];
        }
    }

    fn push_np(&mut self, start: usize, end: usize, head: usize, pronoun: bool, _d: bool) -> usize {
        let k = self.nps.len();
        self.nps.push(Np {
            start,
            end,
            head,
            pronoun,
            ..Default::default()
        });
        for x in &mut self.np_of[start..end] {
            *x = Some(k);
        }
        k
    }

    fn link_poss(&mut self, possessor: Option<usize>, possessed: usize) {
        if let Some(p) = possessor {
            if p != possessed {
                self.nps[p].owner = Some(possessed);
                self.nps[possessed].poss = Some(p);
            }
        }
    }

    fn chunk_vgs(&mut self, words: &Words, cues: &Cues, fixed: &[bool]) {
        let n = words.len();
        let mut i = 0;
        while i < n {
            let t = words.tag(i);
            let w = words.norm(i);
            let starts =
                (t.is_verb() || t == Tag::MD || (t == Tag::TO && self.verb_follows(words, i + 1)))
                    && self.np_of[i].is_none()
                    && !fixed[i];
            if !starts {
                i += 1;
                continue;
            }
            let start = i;
            let mut j = i;
            let mut head = None;
            let mut modal = None;
            let mut neg = false;
            let mut inf = false;
            let mut finite = false;
            let mut has_be = false;
            while j < n {
                let tj = words.tag(j);
                let wj = words.norm(j);
                if self.np_of[j].is_some() || (fixed[j] && tj != Tag::MD) {
                    break;
                }
                if tj == Tag::MD {
                    if head.is_some() {
                        break;
                    }
                    modal = Some(j);
                    finite = true;
                } else if tj.is_verb() {
                    // A second finite verb after a complete group starts a new group.
                    if let Some(h) = head {
                        let th: Tag = words.tag(h);
                        let aux = matches!(words.lemma(h), "be" | "have" | "do" | "get")
                            || words.norm(h) == "going";
                        if !aux || (tj.is_finite() && th.is_finite()) {
                            break;
                        }
                        if is_be(words.lemma(h)) {
                            has_be = true;
                        }
                    }
                    if tj.is_finite() {
                        finite = true;
                    }
                    head = Some(j);
                } else if tj == Tag::TO
                    && (j == start || head.is_some())
                    && self.verb_follows(words, j + 1)
                {
                    if j == start {
                        inf = true;
                    } else if words.norm(head.unwrap_or(j)) != "going" {
                        break;
                    }
                } else if tj.is_adverb() || wj == "not" || wj == "n't" || tj == Tag::OPEN_QUOTE {
                    // adverbs inside the group only when a verb follows
                    if !self.verb_follows(words, j + 1) {
                        break;
                    }
                } else {
                    break;
                }
                if cues
                    .phrase_at(
                        |k| (j + k < n).then(|| words.norm(j + k)),
                        CueKind::Negation,
                    )
                    .is_some()
                    && (tj.is_adverb() || wj == "n't" || wj == "not" || tj == Tag::DT)
                {
                    neg = true;
                }
                j += 1;
            }
            let _ = w;
            if j == start {
                i += 1;
                continue;
            }
            let (head, bare_modal) = match head {
                Some(h) => (h, false),
                None => (modal.unwrap_or(start), modal.is_some()),
            };
            let passive = has_be && words.tag(head) == Tag::VBN
                || (has_be && words.tag(head) == Tag::VBD && !is_be(words.lemma(head)));
            let k = self.vgs.len();
            self.vgs.push(Vg {
                start,
                end: j,
                head,
                neg,
                modal,
                passive,
                inf,
                finite,
                bare_modal,
                subject: None,
                subject_from: None,
                object: None,
                governor: None,
                link: Link::Main,
                noun_governor: None,
                conditional: false,
                clause_start: start,
                limit: n,
            });
            for x in &mut self.vg_of[start..j] {
                *x = Some(k);
            }
            i = j;
        }
    }

    fn verb_follows(&self, words: &Words, mut k: usize) -> bool {
        while k < words.len() {
            let t = words.tag(k);
            if t.is_verb() || t == Tag::MD {
                return self.np_of[k].is_none();
            }
            if !(t.is_adverb()
                || t == Tag::OPEN_QUOTE
                || words.norm(k) == "not"
                || words.norm(k) == "n't"
                || t == Tag::TO)
            {
                return false;
            }
            k += 1;
        }
        false
    }

    fn coordinate(&mut self, words: &Words) {
        // NP (, NP)* (and|or) NP
        let n = self.nps.len();
        let mut k = 0;
        while k < n {
            if self.nps[k].owner.is_some() {
                k += 1;
                continue;
            }
            let mut group = vec![k];
            let mut cur = k;
            loop {
                let end = self.nps[cur].end;
                let w = words.norm(end);
                let next = if matches!(w, "and" | "or" | "nor" | ",") {
                    let mut s = end + 1;
                    if w == "," && matches!(words.norm(s), "and" | "or" | "nor") {
                        s += 1;
                    }
                    self.np_of.get(s).copied().flatten()
                } else {
                    None
                };
                match next {
                    Some(m) if self.nps[m].start > self.nps[cur].end && m > cur => {
                        // possessor chains: take the possessed NP
                        let m2 = self.nps[m].owner.unwrap_or(m);
                        // a comma list must end in and/or to be coordination
                        let oxford = w == "," && matches!(words.norm(end + 1), "and" | "or");
                        if w == "," && !oxford && !self.list_ends_in_and(words, m2) {
                            break;
                        }
                        // coordinated pronouns/nouns must be of the same sort
                        if self.nps[m2].pronoun != self.nps[k].pronoun {
                            break;
                        }
                        group.push(m2);
                        cur = m2;
                    }
                    _ => break,
                }
            }
            if group.len() > 1 {
                for &g in &group {
                    self.nps[g].group.clone_from(&group);
                }
                k = cur + 1;
            } else {
                k += 1;
            }
        }
    }

    fn list_ends_in_and(&self, words: &Words, mut m: usize) -> bool {
        for _ in 0..6 {
            let end = self.nps[m].end;
            match words.norm(end) {
                "and" | "or" => return true,
                "," => match self.np_of.get(end + 1).copied().flatten() {
                    Some(x) if x > m => m = self.nps[x].owner.unwrap_or(x),
                    _ => return matches!(words.norm(end + 1), "and" | "or"),
                },
                _ => return false,
            }
        }
        false
    }

    /// The NP ending just before word `j` (skipping adverbs, dates and brackets), if any.
    fn np_before(&self, words: &Words, mut j: usize, dates: &[bool]) -> Option<usize> {
        while j > 0 {
            let k = j - 1;
            let t = words.tag(k);
            let w = words.norm(k);
            if let Some(np) = self.np_of[k] {
                return Some(np);
            }
            // "Arnor on Thursday signed": a preposition that opens a date is skipped too
            let date_prep = t == Tag::IN && k + 1 < words.len() && dates[k + 1];
            if t.is_adverb() || dates[k] || date_prep || SKIPPABLE_PUNCT.contains(&w) {
                j -= 1;
                continue;
            }
            return None;
        }
        None
    }

    /// Whether NP `k` is the subject of some verb group.
    pub fn is_subject(&self, k: usize) -> bool {
        self.vgs.iter().any(|v| v.subject == Some(k))
    }

    /// The NP starting at word `j` (skipping adverbs and quote marks); the possessed NP for a
    /// possessor.
    pub fn np_at(&self, words: &Words, mut j: usize) -> Option<usize> {
        while j < words.len() {
            if let Some(np) = self.np_of[j] {
                if self.nps[np].start != j {
                    return None;
                }
                let mut np = np;
                while let Some(o) = self.nps[np].owner {
                    np = o;
                }
                return Some(np);
            }
            let t = words.tag(j);
            if t.is_adverb() || t == Tag::OPEN_QUOTE || t == Tag::CLOSE_QUOTE {
                j += 1;
                continue;
            }
            return None;
        }
        None
    }

    fn roles(&mut self, words: &Words, cues: &Cues, fixed: &[bool], dates: &[bool]) {
        let nv = self.vgs.len();
        let n = words.len();
        // Conditional regions: from a condition word to the next comma or the sentence end.
        let mut cond = vec![false; n];
        let mut i = 0;
        while i < n {
            let len = cues.phrase_at(
                |k| (i + k < n).then(|| words.norm(i + k)),
                CueKind::Condition,
            );
            let is_cond_word = len.is_some()
                && self.vg_of[i].is_none()
                && matches!(
                    words.tag(i),
                    Tag::IN | Tag::NN | Tag::RB | Tag::VBN | Tag::CC | Tag::JJ
                )
                && self.np_of[i].is_none();
            if is_cond_word {
                let mut j = i;
                while j < n && words.norm(j) != "," && words.tag(j) != Tag::CLOSE_QUOTE {
                    cond[j] = true;
                    j += 1;
                }
                i = j;
            }
            i += 1;
        }
        // Inverted conditionals: a bare modal (should, were, had) followed by an NP and a verb.
        for v in 0..nv {
            let g = &self.vgs[v];
            let w = words.norm(g.head);
            if g.bare_modal && matches!(w, "should" | "were" | "had") {
                let mut j = g.end;
                while j < n && words.norm(j) != "," {
                    cond[j] = true;
                    j += 1;
                }
                cond[g.start] = true;
            }
        }

        for v in 0..nv {
            let (start, end, head) = (self.vgs[v].start, self.vgs[v].end, self.vgs[v].head);
            let finite = self.vgs[v].finite;
            let ht = words.tag(head);
            self.vgs[v].conditional = cond[head];
            // Governor: the nearest preceding verb group.
            let prev = (0..v).rev().find(|&u| !self.vgs[u].bare_modal);
            let prev_finite = (0..v)
                .rev()
                .find(|&u| self.vgs[u].finite && !self.vgs[u].bare_modal);
            let before = if start > 0 { words.norm(start - 1) } else { "" };
            let before_tag = if start > 0 {
                words.tag(start - 1)
            } else {
                Tag::START
            };

            // Subject.
            let mut subject = None;
            let mut subject_from = None;
            let mut link = Link::Main;
            let mut governor = None;
            // inverted conditional: "should the troops launch"
            if ht == Tag::VB && self.vgs[v].modal.is_none() && !self.vgs[v].inf {
                if let Some(u) = (0..v).rev().find(|&u| self.vgs[u].bare_modal) {
                    if let Some(np) = self.np_at(words, self.vgs[u].end) {
                        subject = Some(np);
                        governor = Some(u);
                        self.vgs[v].conditional = true;
                    }
                }
            }
            if subject.is_none() {
                if let Some(np) = self.np_before(words, start, dates) {
                    let npr = &self.nps[np];
                    let np = if npr.owner.is_some() { None } else { Some(np) };
                    if let Some(np) = np {
                        let bare = ht == Tag::VB && !self.vgs[v].inf && self.vgs[v].modal.is_none();
                        if finite || bare || ht == Tag::VBN || ht == Tag::VBD || ht == Tag::VBG {
                            subject = Some(self.nps[np].group[0]);
                            if !finite && (ht == Tag::VBN || ht == Tag::VBD) {
                                link = Link::Reduced;
                            }
                            // a preposition before the subject NP: "fears of Russia invading"
                            if !finite {
                                let s0 = self.nps[np].start;
                                if s0 > 0 && words.tag(s0 - 1) == Tag::IN {
                                    link = Link::Nonfinite;
                                    self.vgs[v].noun_governor = self.np_of[s0.saturating_sub(2)]
                                        .filter(|_| s0 >= 2)
                                        .map(|x| self.nps[x].head);
                                    governor = prev;
                                }
                            }
                        }
                    }
                } else if start > 0 && matches!(before_tag, Tag::WDT | Tag::WP) && finite {
                    // relative clause: "Donfried, who is in Moscow"
                    let mut j = start - 1;
                    if j > 0 && words.norm(j - 1) == "," {
                        j -= 1;
                    }
                    if let Some(mut np) = self.np_before(words, j, dates) {
                        // "a woman believed linked to Al-Qaeda who shot": `who` passes over the
                        // object of a participle to the person it describes
                        let s0 = self.nps[np].start;
                        if before == "who"
                            && s0 >= 2
                            && matches!(words.tag(s0 - 1), Tag::IN | Tag::TO)
                            && matches!(words.tag(s0 - 2), Tag::VBN | Tag::VBG)
                        {
                            if let Some(u) = self.vg_of[s0 - 2] {
                                // ("believed linked to": back over the chain of participles)
                                let mut st = self.vgs[u].start;
                                while st > 0 {
                                    match self.vg_of[st - 1] {
                                        Some(w) if self.vgs[w].start < st => st = self.vgs[w].start,
                                        _ => break,
                                    }
                                }
                                if let Some(x) = self.np_before(words, st, dates) {
                                    np = x;
                                }
                            }
                        }
                        subject = Some(self.nps[np].group[0]);
                        link = Link::Relative;
                    }
                }
            }
            if let (Some(np), true) = (subject, finite && link == Link::Main) {
                // "A woman who shot at US officers in Afghanistan was extradited": the finite
                // verb right after a relative clause takes its antecedent, not the last noun
                // of the clause
                let s0 = self.nps[np].start;
                if let Some(u) = (0..v).rev().find(|&u| self.vgs[u].link == Link::Relative) {
                    // (a comma closes it: "children who were hurt, a UN spokeswoman said")
                    let closed = ((u + 1)..v).any(|x| self.vgs[x].finite)
                        || (self.vgs[u].head..s0).any(|i| matches!(words.norm(i), "," | ";"));
                    // ("... who fought in Bakhmut and Zelensky said", "... after Kyiv said":
                    // a new clause with its own subject)
                    let opens = s0 > 0
                        && (words.tag(s0 - 1) == Tag::CC
                            || is_subordinator(words.norm(s0 - 1))
                            || matches!(words.norm(s0 - 1), "as" | "if" | "once" | "that"));
                    let inside = self.vgs[u].head < s0 && !opens;
                    if !closed && inside && self.vgs[u].subject.is_some() {
                        subject = self.vgs[u].subject;
                    }
                }
            }
            if subject.is_none() && (finite || ht == Tag::VBN) && before == "," {
                // "Erdogan, who criticized Sweden, met Biden": the main verb after a relative
                // clause takes the relative clause's antecedent.
                if let Some(u) = (0..v).rev().find(|&u| self.vgs[u].link == Link::Relative) {
                    let between_main = ((u + 1)..v).any(|x| self.vgs[x].link == Link::Main);
                    if !between_main {
                        subject = self.vgs[u].subject;
                    }
                }
            }
            if subject.is_none() && finite && before == "," && governor.is_none() {
                // a parenthetical phrase between subject and verb: "Arnor's foreign minister,
                // in remarks published on Monday, urged"
                let lo = start.saturating_sub(16);
                if let Some(c) = (lo..start - 1).rev().find(|&c| words.norm(c) == ",") {
                    let opens = words.tag(c + 1) == Tag::IN;
                    let no_finite = ((c + 1)..(start - 1))
                        .all(|i| self.vg_of[i].is_none_or(|u| !self.vgs[u].finite));
                    if opens && no_finite {
                        if let Some(np) = self.np_before(words, c, dates) {
                            if self.nps[np].owner.is_none() {
                                subject = Some(self.nps[np].group[0]);
                            }
                        }
                    }
                }
            }
            if subject.is_none()
                && finite
                && matches!(before, "and" | "but" | "or")
                && !self.vgs[v].bare_modal
            {
                // coordinated predicates: "condemned the attack and promised aid"
                if let Some(u) = prev_finite {
                    link = Link::Adjunct;
                    governor = Some(u);
                    subject_from = Some(u);
                }
            }
            if subject.is_none() && subject_from.is_none() && self.vgs[v].inf {
                // object control: "urged Ethiopia to allow", "asked Iran to release"
                if let (Some(np), Some(u)) = (self.np_before(words, start, dates), prev) {
                    let npr = &self.nps[np];
                    let head_ok = fixed[npr.head] || npr.pronoun;
                    let obj = self.np_at(words, self.vgs[u].end);
                    if head_ok && obj.is_some_and(|o| self.nps[o].group.contains(&np)) {
                        subject = Some(npr.group[0]);
                        link = Link::Nonfinite;
                        governor = Some(u);
                    }
                }
            }
            if subject.is_none()
                && !finite
                && ht == Tag::VBG
                && matches!(before, "from" | "of" | "for" | "with")
            {
                // "prevent Russia from invading", "accused Moscow of shelling": the object of
                // the governing verb
                if let (Some(np), Some(u)) = (self.np_before(words, start - 1, dates), prev) {
                    let obj = self.np_at(words, self.vgs[u].end);
                    let gl = words.lemma(self.vgs[u].head);
                    let keeps = if before == "from" {
                        cues.is(gl, CueKind::Prevent)
                    } else {
                        cues.is(gl, CueKind::Allege)
                    };
                    if keeps && obj.is_some_and(|o| self.nps[o].group.contains(&np)) {
                        subject = Some(self.nps[np].group[0]);
                        link = Link::Nonfinite;
                        governor = Some(u);
                    }
                }
            }
            if subject.is_none() && !finite {
                // Non-finite: control by the governor, or an adjunct of the last finite verb.
                let adjunct = matches!(
                    before,
                    "," | "and"
                        | "but"
                        | "while"
                        | "after"
                        | "before"
                        | "by"
                        | "without"
                        | "when"
                        | "as"
                        | "including"
                ) || (before_tag == Tag::IN && before != "of");
                let g = if adjunct { prev_finite.or(prev) } else { prev };
                if let Some(g) = g {
                    link = if adjunct {
                        Link::Adjunct
                    } else {
                        Link::Nonfinite
                    };
                    governor = Some(g);
                    subject_from = Some(g);
                    if !adjunct {
                        // "request to launch": the noun before `to`
                        if self.vgs[v].inf && start > 0 {
                            if let Some(np) = self.np_of[start - 1] {
                                self.vgs[v].noun_governor = Some(self.nps[np].head);
                                // "Mordor isn't a pleasant place to visit": an infinitive
                                // describing the predicate noun of `be` says what one may do
                                // to it, unless the noun is "the first/only ... to"
                                let np = &self.nps[np];
                                // the noun right before `to`, predicate of `be` (not "is
                                // willing to", "is due to", "on course to")
                                let predicate = np.end == start
                                    && matches!(words.tag(np.head), Tag::NN | Tag::NNS)
                                    // ("were meeting to discuss", mistagged)
                                    && !words.norm(np.head).ends_with("ing")
                                    && (self.vgs[g].end..np.start).all(|i| {
                                        let t = words.tag(i);
                                        t.is_adverb()
                                            || t.is_adj()
                                            || matches!(t, Tag::DT | Tag::CC | Tag::CD)
                                            || self.np_of[i].is_some()
                                    });
                                let copula = predicate && words.lemma(self.vgs[g].head) == "be";
                                // ("the neatest place to visit" is no subject relative)
                                let subject_relative = (np.start..np.end).any(|i| {
                                    matches!(
                                        words.norm(i),
                                        "first" | "only" | "last" | "next" | "sole" | "second"
                                    )
                                });
                                if copula && !subject_relative && !self.vgs[g].passive {
                                    subject_from = None;
                                }
                            }
                        }
                    }
                }
            }
            if governor.is_none() {
                if let Some(u) = prev {
                    // complement clause: "said (that) X did", "warned that X could"
                    let gap_ok = subject.is_some_and(|s| {
                        let s0 = self.nps[s].start;
                        let mut a = self.vgs[u].end;
                        // the object of the governor may stand between ("warned Putin that")
                        if words.norm(a) == "that"
                            || words.tag(a) == Tag::IN && words.norm(a) == "that"
                        {
                            a += 1;
                        }
                        s0 == a
                            || (s0 == a + 1 && words.norm(a) == "that")
                            || (s0 > a
                                && words.norm(s0 - 1) == "that"
                                && words.tag(s0 - 1) != Tag::WDT
                                && self
                                    .np_at(words, a)
                                    .is_some_and(|o| self.nps[o].end + 1 == s0))
                    });
                    if gap_ok && link == Link::Main {
                        link = Link::Complement;
                        governor = Some(u);
                    } else if link == Link::Relative || link == Link::Reduced {
                        governor = Some(u);
                    }
                }
            }
            let _ = end;
            self.vgs[v].subject = subject;
            self.vgs[v].subject_from = subject_from;
            self.vgs[v].link = link;
            self.vgs[v].governor = governor;
            self.vgs[v].clause_start = subject.map_or(start, |s| self.nps[s].start.min(start));
        }
        // Reduced relatives: "the troops massed on the border launch an attack" -- a bare
        // participle whose subject is also the subject of a later verb describes that subject.
        for v in 0..nv {
            let g = &self.vgs[v];
            if !(g.link == Link::Main
                && g.start == g.head
                && matches!(words.tag(g.head), Tag::VBD | Tag::VBN))
            {
                continue;
            }
            let Some(sub) = g.subject else { continue };
            let end = g.end;
            let later = ((v + 1)..nv).find(|&u| self.vgs[u].subject == Some(sub));
            if let Some(u) = later {
                let gap = end..self.vgs[u].start;
                let joined = gap
                    .clone()
                    .any(|i| matches!(words.norm(i), "and" | "or" | "but" | "," | ";"));
                if !joined {
                    self.vgs[v].link = Link::Reduced;
                }
            }
        }
        // Objects and limits.
        for v in 0..nv {
            let end = self.vgs[v].end;
            // A participle describing the object ("memos sent by X", "roads leading into X")
            // does not end the verb's complements.
            let obj_start = self
                .np_at(words, end)
                .map(|o| self.nps[self.nps[o].group[0]].start);
            let describes_object = |u: &Vg| {
                !u.finite
                    && !u.inf
                    && matches!(words.tag(u.head), Tag::VBN | Tag::VBG | Tag::VBD)
                    && u.subject.is_some_and(|s| {
                        let np = &self.nps[s];
                        Some(np.start) == obj_start
                            || (np.start >= end
                                && u.noun_governor.is_none()
                                && self.nps[*np.group.last().unwrap_or(&s)].end == u.start)
                    })
            };
            let limit = ((v + 1)..nv)
                .map(|u| &self.vgs[u])
                .find(|u| {
                    (u.finite || u.subject.is_some() || u.link == Link::Adjunct)
                        && !describes_object(u)
                })
                .map_or(n, |u| {
                    u.subject
                        .map_or(u.start, |s| self.nps[s].start.min(u.start))
                });
            self.vgs[v].limit = limit.max(end);
            if self.vgs[v].bare_modal {
                continue;
            }
            if let Some(o) = self.np_at(words, end) {
                if self.nps[o].start < self.vgs[v].limit || self.nps[o].start == end {
                    self.vgs[v].object = Some(o);
                }
            }
        }
    }
}

/// Conjunctions that open a subordinate clause of time, cause or concession ("after",
/// "because", "although" ...).
pub(crate) fn is_subordinator(w: &str) -> bool {
    matches!(
        w,
        "after"
            | "before"
            | "when"
            | "while"
            | "because"
            | "since"
            | "until"
            | "although"
            | "though"
            | "unless"
            | "whereas"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_core::Document;

    fn parse(text: &str) -> (Words, Syntax) {
        let doc = Document::from_text("t", text);
        let a = petrel_text::analyze(&doc);
        let mut words = Words::default();
        let tokens: Vec<_> = a.sentences.iter().flat_map(|s| s.tokens.clone()).collect();
        words.build(&doc.text, &tokens, &|_, _, _| false);
        let n = words.len();
        let syn = Syntax::analyze(
            &words,
            Cues::builtin(),
            &vec![false; n],
            &vec![false; n],
            false,
        );
        (words, syn)
    }

    fn np_text(w: &Words, np: &Np) -> String {
        (np.start..np.end)
            .map(|i| w.norm(i))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn possessives_and_coordination() {
        let (w, s) = parse("Russia's foreign ministry met the minister and the envoy.");
        let texts: Vec<String> = s.nps.iter().map(|n| np_text(&w, n)).collect();
        assert_eq!(
            texts,
            ["russia", "foreign ministry", "the minister", "the envoy"]
        );
        assert_eq!(s.nps[0].owner, Some(1));
        assert_eq!(s.nps[1].poss, Some(0));
        assert_eq!(s.nps[2].group, vec![2, 3]);
        assert_eq!(s.vgs[0].subject, Some(1));
        assert_eq!(s.vgs[0].object, Some(2));
    }

    #[test]
    fn verb_groups_negation_modals_passive() {
        let (w, s) = parse("The town was not attacked but the army could strike.");
        assert_eq!(s.vgs.len(), 2);
        assert!(s.vgs[0].neg && s.vgs[0].passive);
        assert_eq!(w.lemma(s.vgs[0].head), "attack");
        assert_eq!(s.vgs[1].modal.map(|m| w.norm(m)), Some("could"));
    }

    #[test]
    fn relative_clause_and_complement() {
        let (w, s) = parse("The envoy, who is in Moscow, said the army attacked the town.");
        let subj = |v: usize| s.vgs[v].subject.map(|k| np_text(&w, &s.nps[k]));
        assert_eq!(s.vgs[0].link, Link::Relative);
        assert_eq!(subj(0).as_deref(), Some("the envoy"));
        assert_eq!(subj(1).as_deref(), Some("the envoy"));
        assert_eq!(s.vgs[2].link, Link::Complement);
        assert_eq!(s.vgs[2].governor, Some(1));
        assert_eq!(subj(2).as_deref(), Some("the army"));
    }

    #[test]
    fn infinitives_and_conditionals() {
        let (_, s) = parse("If the army attacked the town, the leaders will try to negotiate.");
        assert!(s.vgs[0].conditional);
        assert!(!s.vgs[1].conditional);
        assert_eq!(s.vgs[2].link, Link::Nonfinite);
        assert_eq!(s.vgs[2].subject_from, Some(1));
    }

    #[test]
    fn oxford_comma_coordination() {
        let (w, s) = parse("Russia, the awful France, and good Germany met the envoy.");
        let last = s.nps.iter().position(|n| np_text(&w, n) == "good germany");
        let last = last.expect("good germany");
        assert_eq!(s.nps[last].group.len(), 3);
        assert_eq!(s.vgs[0].subject, Some(s.nps[last].group[0]));
    }

    #[test]
    fn quotations() {
        let (_, s) = parse("\u{201c}We will talk,\u{201d} he said.");
        assert_eq!(s.quotes.len(), 1);
        assert!(s.quotes[0].2);
    }
}
