use super::*;

#[test]
fn bins_are_one_two_five() {
    assert_eq!(bin_width(0.0), 1);
    assert_eq!(bin_width(60.0), 1);
    assert_eq!(bin_width(100.0), 2);
    assert_eq!(bin_width(250.0), 5);
    assert_eq!(bin_width(1000.0), 20);
    assert_eq!(bin_width(1e12), u32::MAX);
}

#[test]
fn grid_stacks_up_to_three() {
    assert_eq!(grid(1), (1, 1));
    assert_eq!(grid(3), (1, 3));
    assert_eq!(grid(4), (2, 2));
    assert_eq!(grid(5), (2, 3));
    assert_eq!(grid(8), (3, 3));
    assert_eq!(grid(16), (4, 4));
}

#[test]
fn a_single_value_gets_a_readable_range() {
    let mut h = DayHistogram::new();
    h.add(200);
    let (lo, hi) = wanted_range(&h, None).unwrap();
    assert!(lo < 200.0 && hi > 200.0 && hi - lo >= 10.0);
}
