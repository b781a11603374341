//! How long the typing pipeline waits after a keystroke before it asks Salesforce. Every SOSL
//! request is one call of the org's daily allocation (small orgs share ~15,000 a day among all
//! their users and integrations), and aborting a request does not un-count it: so Salesforce is
//! asked when the person stops typing, not at every pause between two keys.
//!
//! A fixed wait cannot tell the two apart: 150 ms is a pause for someone typing 10 keys a
//! second and every key for someone typing 5. So the wait follows the person's own cadence —
//! a smoothed gap between keys, gaps over [`PAUSE`] left out (those are pauses, not the
//! cadence) — and is [`CADENCE_FACTOR`] times that gap, never shorter than the pipeline's
//! debounce nor longer than [`MAX_WAIT`], so that the finished word is still searched within
//! the wait and one round trip. When the org has used most of its day
//! ([`ApiUsage::running_low`]) the wait is at least [`SCARCE_WAIT`]: only a real pause
//! searches until the count resets.

use crate::salesforce::limits::ApiUsage;
use std::time::{Duration, Instant};

/// A gap between two keys longer than this is a pause (reading, thinking), not the cadence.
pub const PAUSE: Duration = Duration::from_secs(1);
/// The wait is this many times the person's smoothed gap between keys.
pub const CADENCE_FACTOR: u32 = 2;
/// The longest wait while the allocation is plentiful: a slow typist's finished word is
/// still searched soon after the last key.
pub const MAX_WAIT: Duration = Duration::from_millis(600);
/// The shortest wait once the org has used most of its day's API requests.
pub const SCARCE_WAIT: Duration = Duration::from_millis(1200);

/// The person's typing cadence, as one search box has seen it.
#[derive(Debug, Default, Clone)]
pub struct Cadence {
    last_key: Option<Instant>,
    /// The smoothed gap between keys (each new gap counts for half).
    gap: Option<Duration>,
}

impl Cadence {
    /// A key was typed at `now`.
    pub fn keystroke(&mut self, now: Instant) {
        if let Some(last) = self.last_key {
            let gap = now.saturating_duration_since(last);
            if gap <= PAUSE {
                self.gap = Some(match self.gap {
                    Some(smoothed) => (smoothed + gap) / 2,
                    None => gap,
                });
            }
        }
        self.last_key = Some(now);
    }

    /// How long to wait after the last key before asking Salesforce, given the pipeline's
    /// `debounce` (the shortest wait) and the org's API usage as last reported.
    pub fn wait(&self, debounce: Duration, usage: Option<ApiUsage>) -> Duration {
        let longest = MAX_WAIT.max(debounce);
        let typed = self
            .gap
            .map(|gap| gap * CADENCE_FACTOR)
            .unwrap_or(debounce)
            .clamp(debounce, longest);
        if usage.is_some_and(|u| u.running_low()) {
            typed.max(SCARCE_WAIT)
        } else {
            typed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEBOUNCE: Duration = Duration::from_millis(150);

    fn typed(gaps_ms: &[u64]) -> Cadence {
        let start = Instant::now();
        let mut cadence = Cadence::default();
        cadence.keystroke(start);
        let mut at = start;
        for gap in gaps_ms {
            at += Duration::from_millis(*gap);
            cadence.keystroke(at);
        }
        cadence
    }

    #[test]
    fn the_wait_is_twice_the_cadence_between_the_debounce_and_the_longest_wait() {
        let ms = Duration::from_millis;
        assert_eq!(Cadence::default().wait(DEBOUNCE, None), DEBOUNCE, "no cadence yet");
        assert_eq!(typed(&[200, 200, 200]).wait(DEBOUNCE, None), ms(400), "5 keys a second");
        assert_eq!(typed(&[100, 100]).wait(DEBOUNCE, None), ms(200), "10 keys a second");
        assert_eq!(typed(&[60, 60]).wait(DEBOUNCE, None), DEBOUNCE, "quicker: the debounce");
        assert_eq!(
            typed(&[450, 450]).wait(DEBOUNCE, None),
            MAX_WAIT,
            "slow: the longest wait"
        );
    }

    #[test]
    fn a_pause_is_not_the_cadence() {
        let ms = Duration::from_millis;
        assert_eq!(typed(&[200, 5000, 200]).wait(DEBOUNCE, None), ms(400));
        // A slower key moves the cadence half-way, not all the way.
        assert_eq!(typed(&[200, 200, 400]).wait(DEBOUNCE, None), ms(600));
    }

    #[test]
    fn a_scarce_allocation_waits_longer() {
        let low = ApiUsage {
            used: 12_500,
            limit: 15_000,
        };
        let plenty = ApiUsage {
            used: 1_000,
            limit: 15_000,
        };
        let cadence = typed(&[200, 200]);
        assert_eq!(cadence.wait(DEBOUNCE, Some(plenty)), Duration::from_millis(400));
        assert_eq!(cadence.wait(DEBOUNCE, Some(low)), SCARCE_WAIT);
    }
}
