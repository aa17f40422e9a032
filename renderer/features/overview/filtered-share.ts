// One definition for the Overview and main's watch (which raises the same share as an alert).
export {
  filteredShares,
  LOUD_SHARE,
  shareSentence,
  type FilteredShare,
} from '../../../shared/domain/alerts/filtered-share';
