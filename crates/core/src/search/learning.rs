//! What this user cannot see, learnt so that it is never lost while they type. A refusal's
//! names are stored the moment it arrives; the one Composite describe runs as a task of its own,
//! so a keystroke that aborts the search waiting for it does not abort it, and its answer is
//! kept (and filed in the session's memo through [`Keeper`]) whoever is still waiting. Never
//! two describes at once: a search that needs one while one runs waits for that one.

use crate::salesforce::{SalesforceClient, SearchObject, Unseen};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::watch;

/// Files what was learnt where it is kept (the session's memo, under its own key).
pub type Keeper = Arc<dyn Fn(&Unseen) + Send + Sync>;

/// Where the describe stands.
enum Describe {
    /// Not asked yet, or the last one failed: the next refusal asks.
    NotYet,
    /// Under way; the receiver turns `true` when it is over.
    Running(watch::Receiver<bool>),
    /// Answered: all a describe can teach is known; refusals teach the rest.
    Done,
}

pub(super) struct Learning {
    client: Arc<SalesforceClient>,
    unseen: Mutex<Unseen>,
    describe: Mutex<Describe>,
    keeper: Mutex<Option<Keeper>>,
}

impl Learning {
    pub(super) fn new(client: Arc<SalesforceClient>, unseen: Unseen) -> Learning {
        Learning {
            client,
            unseen: Mutex::new(unseen),
            describe: Mutex::new(Describe::NotYet),
            keeper: Mutex::new(None),
        }
    }

    fn describe_state(&self) -> MutexGuard<'_, Describe> {
        self.describe.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(super) fn keep_with(&self, keeper: Keeper) {
        *self.keeper.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(keeper);
    }

    pub(super) fn unseen(&self) -> Unseen {
        self.unseen.lock().map(|u| u.clone()).unwrap_or_default()
    }

    /// Adds `found` at once, and files it when it was new; true when it was.
    pub(super) fn learn(&self, found: Unseen) -> bool {
        let now = {
            let Ok(mut unseen) = self.unseen.lock() else {
                return false;
            };
            if !unseen.learn(found) {
                return false;
            }
            unseen.clone()
        };
        // Outside the lock: the keeper takes the session's, which files answers while asking
        // for this one.
        let keeper = self.keeper.lock().ok().and_then(|k| k.clone());
        if let Some(keeper) = keeper {
            keeper(&now);
        }
        true
    }

    /// The describe of `objects`, started unless one runs or has answered, and waited for.
    /// What it teaches is learnt by its own task, even if this wait is aborted.
    pub(super) async fn describe(self: &Arc<Self>, objects: Vec<SearchObject>) {
        let mut over = {
            let mut state = self.describe_state();
            match &*state {
                Describe::Done => return,
                Describe::Running(over) => over.clone(),
                Describe::NotYet => {
                    let (tell, over) = watch::channel(false);
                    *state = Describe::Running(over.clone());
                    let me = self.clone();
                    tokio::spawn(async move {
                        let answered = match me.client.unseen(&objects).await {
                            Ok(found) => {
                                me.learn(found);
                                true
                            }
                            Err(e) => {
                                tracing::info!(error = %e, "describing the objects failed; learning from refusals");
                                false
                            }
                        };
                        *me.describe_state() = if answered { Describe::Done } else { Describe::NotYet };
                        let _ = tell.send(true);
                    });
                    over
                }
            }
        };
        // A closed channel (the task died with its runtime) is over too.
        let _ = over.wait_for(|over| *over).await;
    }
}
