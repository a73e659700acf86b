//! The random-number generator, named and pinned.
//!
//! A leaf module at the crate's top, used by the model (a duration samples itself, the
//! updates after approval draw their dates) and by the engine (one stream per
//! iteration), so that the model does not depend on the engine.
//!
//! regsim implements its generator itself instead of taking one from a crate, so that the
//! numbers a scenario gives never change with a dependency's release: Xoshiro256++
//! (Blackman and Vigna, 2019) for the stream, SplitMix64 to expand a seed into its state.
//! Each iteration gets its own stream derived from `(seed, iteration)`, so results do not
//! depend on how iterations are shared between threads.

/// SplitMix64's finaliser: a bijective mix of 64 bits (Steele, Lea and Flood, 2014).
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The Xoshiro256++ generator: 256 bits of state, period 2^256 - 1.
#[derive(Debug, Clone)]
pub struct Xoshiro256pp {
    s: [u64; 4],
}

impl Xoshiro256pp {
    /// A generator with exactly this state (tests use it to check reference vectors).
    /// The state must not be all zero.
    pub fn from_state(s: [u64; 4]) -> Self {
        debug_assert!(s != [0; 4], "Xoshiro256++ state must not be all zero");
        Self { s }
    }

    /// A generator whose state is four SplitMix64 outputs from `seed` (the seeding the
    /// algorithm's authors recommend).
    pub fn from_seed(seed: u64) -> Self {
        let mut sm = seed;
        let s = [
            splitmix64(&mut sm),
            splitmix64(&mut sm),
            splitmix64(&mut sm),
            splitmix64(&mut sm),
        ];
        // SplitMix64 is a bijection of its counter, so four outputs are never all zero.
        Self { s }
    }

    /// The stream of one Monte Carlo iteration: a function of the scenario's seed and the
    /// iteration's index only.
    pub fn for_iteration(seed: u64, iteration: u64) -> Self {
        let mut sm = seed;
        let key = splitmix64(&mut sm);
        let mut it = iteration ^ key;
        Self::from_seed(splitmix64(&mut it))
    }

    /// The next 64 random bits.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[0].wrapping_add(s[3]).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// A uniform number in [0, 1), with 53 random bits.
    #[inline]
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A uniform number in (0, 1): never exactly 0 or 1, safe for logarithms and
    /// inverse distribution functions.
    #[inline]
    pub fn next_open01(&mut self) -> f64 {
        ((self.next_u64() >> 12) as f64 + 0.5) * (1.0 / (1u64 << 52) as f64)
    }

    /// A uniform index in `0..n` (n > 0), by Lemire's multiply-shift; the bias for
    /// n below 2^32 is under 2^-32.
    #[inline]
    pub fn next_index(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_reference_implementation() {
        // Reference outputs of xoshiro256plusplus.c for the state {1, 2, 3, 4}.
        let mut rng = Xoshiro256pp::from_state([1, 2, 3, 4]);
        let expected = [
            41943041u64,
            58720359,
            3588806011781223,
            3591011842654386,
            9228616714210784205,
            9973669472204895162,
            14011001112246962877,
            12406186145184390807,
            15849039046786891736,
            10450023813501588000,
        ];
        for e in expected {
            assert_eq!(rng.next_u64(), e);
        }
    }

    #[test]
    fn splitmix_matches_the_reference_implementation() {
        // Reference outputs of splitmix64.c seeded with 1234567.
        let mut s = 1234567u64;
        let expected = [
            6457827717110365317u64,
            3203168211198807973,
            9817491932198370423,
            4593380528125082431,
            16408922859458223821,
        ];
        for e in expected {
            assert_eq!(splitmix64(&mut s), e);
        }
    }

    #[test]
    fn iteration_streams_differ_and_repeat() {
        let a = Xoshiro256pp::for_iteration(1, 0).next_u64();
        let b = Xoshiro256pp::for_iteration(1, 1).next_u64();
        let c = Xoshiro256pp::for_iteration(2, 0).next_u64();
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert_eq!(a, Xoshiro256pp::for_iteration(1, 0).next_u64());
    }

    #[test]
    fn unit_interval_draws_stay_inside() {
        let mut rng = Xoshiro256pp::from_seed(7);
        for _ in 0..10_000 {
            let u = rng.next_f64();
            assert!((0.0..1.0).contains(&u));
            let v = rng.next_open01();
            assert!(v > 0.0 && v < 1.0);
            assert!(rng.next_index(3) < 3);
        }
    }
}
