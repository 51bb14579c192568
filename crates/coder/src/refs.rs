//! Within-article memory: the actors named so far, the descriptions they were given ("aide" of
//! Putin, "president" of China), and the last speaker, for resolving "he", "the Russian leader",
//! "the alliance" and "Putin's aide".

use petrel_dict::ActorKind;

/// An actor named in the article.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Canonical name.
    pub name: String,
    /// Code on the article's date.
    pub code: String,
    /// Kind of actor.
    pub kind: ActorKind,
    /// Times mentioned.
    pub mentions: usize,
    /// Clock of the last mention.
    pub last: usize,
    /// Role nouns it was described with, and the possessor's name ("aide", "Vladimir Putin").
    pub descriptors: Vec<(String, Option<String>)>,
}

/// The article's memory.
#[derive(Debug, Clone, Default)]
pub struct Memory {
    /// Entities, in order of first mention.
    pub entities: Vec<Entity>,
    clock: usize,
    /// The last person who spoke (said, was quoted).
    pub last_speaker: Option<usize>,
}

impl Memory {
    /// Records a mention of a named actor; returns its index.
    pub fn mention(&mut self, name: &str, code: &str, kind: ActorKind) -> usize {
        self.clock += 1;
        if let Some(i) = self.entities.iter().position(|e| e.name == name) {
            let e = &mut self.entities[i];
            e.mentions += 1;
            e.last = self.clock;
            e.code = code.to_string();
            return i;
        }
        self.entities.push(Entity {
            name: name.to_string(),
            code: code.to_string(),
            kind,
            mentions: 1,
            last: self.clock,
            descriptors: Vec::new(),
        });
        self.entities.len() - 1
    }

    /// Adds a description to entity `i`.
    pub fn describe(&mut self, i: usize, noun: &str, possessor: Option<&str>) {
        if let Some(e) = self.entities.get_mut(i) {
            let d = (noun.to_string(), possessor.map(str::to_string));
            if !e.descriptors.contains(&d) {
                e.descriptors.push(d);
            }
        }
    }

    /// The entity named `name`.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.entities.iter().position(|e| e.name == name)
    }

    /// The person best matching a description: described with `noun` (and `possessor`),
    /// else of country `prefix`; the most recent description match, else the most mentioned.
    pub fn person_for(
        &self,
        noun: &str,
        possessor: Option<&str>,
        prefix: Option<&str>,
    ) -> Option<usize> {
        let ok_prefix = |e: &Entity| prefix.is_none_or(|p| e.code.starts_with(p));
        let described = self
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == ActorKind::Person && ok_prefix(e))
            .filter(|(_, e)| {
                e.descriptors
                    .iter()
                    .any(|(n, p)| n == noun && (possessor.is_none() || p.as_deref() == possessor))
            })
            .max_by_key(|(_, e)| e.last)
            .map(|(i, _)| i);
        if described.is_some() {
            return described;
        }
        if possessor.is_some() {
            return None;
        }
        prefix?;
        self.entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == ActorKind::Person && ok_prefix(e))
            .max_by_key(|(_, e)| (e.mentions, e.last))
            .map(|(i, _)| i)
    }

    /// The most recent entity whose kind is one of `kinds` and whose code shares a segment
    /// with `segment` (when given).
    pub fn recent(&self, kinds: &[ActorKind], segment: Option<&str>) -> Option<usize> {
        self.entities
            .iter()
            .enumerate()
            .filter(|(_, e)| kinds.contains(&e.kind))
            .filter(|(_, e)| {
                segment.is_none_or(|s| {
                    (0..e.code.len())
                        .step_by(3)
                        .any(|i| e.code.get(i..i + 3) == Some(s))
                })
            })
            .max_by_key(|(_, e)| e.last)
            .map(|(i, _)| i)
    }

    /// The most recently mentioned person.
    pub fn recent_person(&self) -> Option<usize> {
        self.recent(&[ActorKind::Person], None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_resolve() {
        let mut m = Memory::default();
        let putin = m.mention("Vladimir Putin", "RUSGOV", ActorKind::Person);
        m.describe(putin, "president", None);
        let u = m.mention("Yury Ushakov", "RUSGOV", ActorKind::Person);
        m.describe(u, "aide", Some("Vladimir Putin"));
        m.mention("Vladimir Putin", "RUSGOV", ActorKind::Person);
        assert_eq!(m.person_for("aide", Some("Vladimir Putin"), None), Some(u));
        assert_eq!(m.person_for("leader", None, Some("RUS")), Some(putin));
        assert_eq!(m.person_for("leader", None, Some("CHN")), None);
        let nato = m.mention("NATO", "IGOWSTNAT", ActorKind::Igo);
        assert_eq!(m.recent(&[ActorKind::Igo], Some("WST")), Some(nato));
        assert_eq!(m.recent(&[ActorKind::Igo], Some("AFR")), None);
    }
}
